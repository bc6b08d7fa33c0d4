using System.Collections.Immutable;
using Publisher.Epub;
using Publisher.Model;
using Publisher.Styles;
using Publisher.TestKit.Epub;

namespace Publisher.UnitTests.Epub;

/// <summary>Writes books to memory for the EPUB tests.</summary>
internal static class EpubTestSupport
{
    /// <summary>A 1 × 1 PNG, standing in for a cover image.</summary>
    public static byte[] TinyPng { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public static (byte[] Bytes, ImmutableArray<Diagnostic> Diagnostics) Write(BookDocument book, StyleSheet? style = null, EpubOptions? options = null)
    {
        using var output = new MemoryStream();
        var diagnostics = EpubWriter.Write(book, style ?? SampleBook.Style(), options ?? new EpubOptions(), output);
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
