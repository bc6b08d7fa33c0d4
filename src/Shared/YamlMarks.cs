using YamlDotNet.Core;

namespace Publisher.Shared;

/// <summary>
/// Where the last well-formed YAML token starts. YamlDotNet's scanner throws InvalidOperationException, with no
/// position, on some malformed flow collections ("authors: [one, two" with no closing bracket); this gives the
/// error a place to point at. Compiled into each project that reads YAML (linked, not referenced).
/// </summary>
internal static class YamlMarks
{
    public static Mark LastGood(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        var last = new Mark(0, 1, 1);
        try
        {
            while (scanner.MoveNext())
            {
                last = scanner.Current!.Start;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Stop at the first token that cannot be read.
        }

        return last;
    }
}
