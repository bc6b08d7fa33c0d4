using System.Collections.Immutable;
using Publisher.Epub;
using Publisher.Model;
using Publisher.Styles;
using Publisher.TestKit.Epub;

namespace Publisher.UnitTests.Epub;

/// <summary>Writes books to memory for the EPUB tests.</summary>
internal static class EpubTestSupport
{
    public static (byte[] Bytes, ImmutableArray<Diagnostic> Diagnostics) Write(BookDocument book, StyleSheet? style = null)
    {
        using var output = new MemoryStream();
        var diagnostics = EpubWriter.Write(book, style ?? SampleBook.Style(), new EpubOptions(), output);
        return (output.ToArray(), diagnostics);
    }

    public static EpubReader Read(BookDocument book, StyleSheet? style = null) => EpubReader.Read(Write(book, style).Bytes);

    /// <summary>Writes the EPUB to a temporary file for an external validator; the caller deletes it.</summary>
    public static string WriteTempFile(byte[] bytes, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "publisher-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".epub");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
