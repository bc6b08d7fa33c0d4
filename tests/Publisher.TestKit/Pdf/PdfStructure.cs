using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Publisher.TestKit.Pdf;

/// <summary>A bookmark as qpdf reads it: its title, depth (1 = top), target page (1-based) and /XYZ top.</summary>
public sealed record PdfOutlineItem(string Title, int Level, int? Page, double? Top, bool Open);

/// <summary>Document structure read with <c>qpdf --json</c> (outline, page labels, objects) and <c>pdfinfo -meta</c> (XMP).</summary>
public static partial class PdfTools
{
    /// <summary>
    /// <c>qpdf --json</c> (version 2) of a PDF, limited to <paramref name="keys"/> when given (e.g. <c>outlines</c>,
    /// <c>pagelabels</c>, <c>pages</c>, <c>qpdf</c> for the objects). The caller disposes the document.
    /// </summary>
    public static JsonDocument Json(string pdf, params string[] keys)
    {
        var args = new List<string> { "--json=2" };
        args.AddRange(keys.Select(k => "--json-key=" + k));
        args.Add(pdf);
        var r = ExternalTools.Run(ExternalTools.Require("qpdf", "qpdf"), args, Timeout);
        Xunit.Assert.True(r.ExitCode == 0, "qpdf --json failed: " + r.StdErr);
        return JsonDocument.Parse(r.StdOut);
    }

    /// <summary>The outline in reading order, flattened with each item's depth.</summary>
    public static IReadOnlyList<PdfOutlineItem> Outline(string pdf)
    {
        using var json = Json(pdf, "outlines");
        var items = new List<PdfOutlineItem>();
        Walk(json.RootElement.GetProperty("outlines"), 1);
        return items;

        void Walk(JsonElement list, int level)
        {
            foreach (var o in list.EnumerateArray())
            {
                var page = o.GetProperty("destpageposfrom1") is { ValueKind: JsonValueKind.Number } p ? p.GetInt32() : (int?)null;
                double? top = null;
                if (o.GetProperty("dest") is { ValueKind: JsonValueKind.Array } dest && dest.GetArrayLength() >= 4
                    && dest[1].ValueKind == JsonValueKind.String && dest[1].GetString() == "/XYZ" && dest[3].ValueKind == JsonValueKind.Number)
                {
                    top = dest[3].GetDouble();
                }

                items.Add(new PdfOutlineItem(o.GetProperty("title").GetString() ?? "", level, page, top, o.GetProperty("open").GetBoolean()));
                Walk(o.GetProperty("kids"), level + 1);
            }
        }
    }

    /// <summary>
    /// The label of every page, computed from the /PageLabels number tree the way ISO 32000-1 §12.4.2 says a viewer
    /// does: the range a page falls in gives the prefix, the style and the first number. Pages before any range (or
    /// in a file without labels) get their 1-based page number, as viewers show them.
    /// </summary>
    public static IReadOnlyList<string> PageLabels(string pdf)
    {
        using var json = Json(pdf, "pagelabels", "pages");
        var pageCount = json.RootElement.GetProperty("pages").GetArrayLength();
        var ranges = json.RootElement.GetProperty("pagelabels").EnumerateArray()
            .Select(r => (Index: r.GetProperty("index").GetInt32(), Label: r.GetProperty("label")))
            .OrderBy(r => r.Index)
            .ToList();
        var labels = new List<string>(pageCount);
        for (var page = 0; page < pageCount; page++)
        {
            var range = ranges.LastOrDefault(r => r.Index <= page);
            if (range.Label.ValueKind != JsonValueKind.Object)
            {
                labels.Add((page + 1).ToString(CultureInfo.InvariantCulture));
                continue;
            }

            var prefix = range.Label.TryGetProperty("/P", out var p) ? DecodeString(p) : "";
            var start = range.Label.TryGetProperty("/St", out var st) ? st.GetInt32() : 1;
            var style = range.Label.TryGetProperty("/S", out var s) ? s.GetString() : null;
            labels.Add(prefix + FormatNumber(style, start + page - range.Index));
        }

        return labels;
    }

    /// <summary>The trailer, the Catalog and the /Info dictionary from <c>qpdf --json</c>'s object list.</summary>
    public static (JsonElement Trailer, JsonElement Catalog, JsonElement? Info) Dictionaries(JsonDocument qpdfJson)
    {
        var objects = qpdfJson.RootElement.GetProperty("qpdf")[1];
        var trailer = objects.GetProperty("trailer").GetProperty("value");
        var catalog = ObjectValue(objects, trailer.GetProperty("/Root").GetString()!);
        JsonElement? info = trailer.TryGetProperty("/Info", out var i) ? ObjectValue(objects, i.GetString()!) : null;
        return (trailer, catalog, info);
    }

    /// <summary>An object's value (a stream's dictionary) from qpdf's object list, by reference such as <c>"12 0 R"</c>.</summary>
    public static JsonElement ObjectValue(JsonElement objects, string reference)
    {
        var o = objects.GetProperty("obj:" + reference);
        return o.TryGetProperty("value", out var v) ? v : o.GetProperty("stream").GetProperty("dict");
    }

    /// <summary>
    /// A string as qpdf's JSON v2 writes it: <c>u:</c> then the text for a text string, <c>b:</c> then hex for bytes
    /// (returned as hex).
    /// </summary>
    public static string DecodeString(JsonElement value)
    {
        var s = value.GetString() ?? "";
        return s.StartsWith("u:", StringComparison.Ordinal) || s.StartsWith("b:", StringComparison.Ordinal) ? s[2..] : s;
    }

    /// <summary>The /Info dictionary's text entries (Title, Author, …), keys without the slash.</summary>
    public static IReadOnlyDictionary<string, string> Info(string pdf)
    {
        using var json = Json(pdf, "qpdf");
        var (_, _, info) = Dictionaries(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (info is { } dict)
        {
            foreach (var p in dict.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                result[p.Name.TrimStart('/')] = DecodeString(p.Value);
            }
        }

        return result;
    }

    /// <summary>The document's XMP metadata, from <c>pdfinfo -meta</c>; null when the file has none.</summary>
    public static XDocument? Xmp(string pdf)
    {
        var r = ExternalTools.Run(ExternalTools.Require("pdfinfo (poppler-utils)", "pdfinfo"), ["-meta", pdf], Timeout);
        Xunit.Assert.True(r.ExitCode == 0, "pdfinfo -meta failed: " + r.StdErr);
        var start = r.StdOut.IndexOf('<', StringComparison.Ordinal);
        return start < 0 || r.StdOut.Trim().Length == 0 ? null : XDocument.Parse(r.StdOut[start..]);
    }

    /// <summary>A PDF date string (<c>D:YYYYMMDDHHmmSSOHH'mm'</c>, ISO 32000-1 §7.9.4) as an instant.</summary>
    public static DateTimeOffset ParsePdfDate(string text)
    {
        var s = text.StartsWith("D:", StringComparison.Ordinal) ? text[2..] : text;
        int Part(int at, int length, int fallback) =>
            s.Length >= at + length ? int.Parse(s.AsSpan(at, length), NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
        var local = new DateTime(Part(0, 4, 1), Part(4, 2, 1), Part(6, 2, 1), Part(8, 2, 0), Part(10, 2, 0), Part(12, 2, 0), DateTimeKind.Unspecified);
        var offset = TimeSpan.Zero;
        if (s.Length > 14 && s[14] is '+' or '-')
        {
            offset = new TimeSpan(Part(15, 2, 0), s.Length >= 20 ? Part(18, 2, 0) : 0, 0);
            if (s[14] == '-')
            {
                offset = -offset;
            }
        }

        return new DateTimeOffset(local, offset);
    }

    private static string FormatNumber(string? style, int n) => style switch
    {
        "/D" => n.ToString(CultureInfo.InvariantCulture),
        "/r" => Roman(n),
        "/R" => Roman(n).ToUpperInvariant(),
        "/a" => Letters(n),
        "/A" => Letters(n).ToUpperInvariant(),
        _ => "",
    };

    // §12.4.2: a to z, then aa to zz, and so on.
    private static string Letters(int n) => new((char)('a' + ((n - 1) % 26)), ((n - 1) / 26) + 1);

    private static string Roman(int n)
    {
        var sb = new StringBuilder();
        foreach (var (value, symbol) in new[] { (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i") })
        {
            while (n >= value)
            {
                sb.Append(symbol);
                n -= value;
            }
        }

        return sb.ToString();
    }
}
