namespace Publisher.Epub.Xhtml;

/// <summary>
/// Writes the cover page: the cover image alone, with its text alternative, marked as the cover both for reading
/// systems (EPUB SSV <c>cover</c>) and for assistive technology (DPUB-ARIA <c>doc-cover</c>, whose host is the image).
/// </summary>
internal static class CoverDocumentWriter
{
    /// <summary>The document's bytes.</summary>
    public static byte[] Write(PackageMetadata metadata, string imageHrefFromText, string altText)
    {
        using var o = new XhtmlWriter(metadata.Language, metadata.Labels.Cover, EpubPaths.StylesheetFromText);
        o.Open("body");
        o.EpubType("frontmatter");
        o.Attr("class", "cover-page");
        o.Line();
        o.Open("section");
        o.EpubType("cover");
        o.Attr("class", "cover");
        o.Line();
        o.Open("img");
        o.Attr("role", "doc-cover");
        o.Attr("class", "cover-image");
        o.Attr("src", imageHrefFromText);
        o.Attr("alt", altText);
        o.CloseVoid();
        o.Line();
        o.Close();
        o.Line();
        o.Close();
        o.Line();
        return o.Finish();
    }

    /// <summary>
    /// The default text alternative, from the metadata: "Cover: Title. Subtitle. By Author." — what a sighted reader
    /// takes from a cover made of type, in the order it is set.
    /// </summary>
    public static string DefaultAltText(PackageMetadata m)
    {
        var parts = new List<string> { m.Title };
        if (m.Subtitle is not null)
        {
            parts.Add(m.Subtitle);
        }

        if (m.Authors.Length > 0)
        {
            parts.Add(m.Labels.By + " " + m.Labels.JoinNames(m.Authors));
        }

        return m.Labels.Cover + ": " + string.Join(" ", parts.Select(Sentence));
    }

    private static string Sentence(string s)
    {
        var t = s.Trim();
        return t.Length > 0 && ".?!…".Contains(t[^1], StringComparison.Ordinal) ? t : t + ".";
    }
}
