using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.Epub.Package;

/// <summary>What the writer knows about the book it wrote, from which the accessibility metadata follows.</summary>
/// <param name="Images">How many images the publication has (today only the cover).</param>
/// <param name="ImagesWithAlt">How many of them have a non-empty text alternative.</param>
/// <param name="PageList">Whether the navigation document has a page-list of the print edition's pages.</param>
/// <param name="ConformanceBlockers">Why the book cannot claim WCAG conformance; empty when it can.</param>
internal sealed record AccessibilityFacts(int Images, int ImagesWithAlt, bool PageList, ImmutableArray<string> ConformanceBlockers)
{
    /// <summary>True when every image has a text alternative.</summary>
    public bool AllImagesHaveAlt => ImagesWithAlt == Images;

    /// <summary>True when the book may claim EPUB Accessibility 1.1 with WCAG 2.2 AA.</summary>
    public bool Conforms => ConformanceBlockers.IsEmpty && AllImagesHaveAlt;
}

/// <summary>
/// The accessibility metadata of the package document (EPUB Accessibility 1.1 §5 "Discoverability", with the
/// schema.org terms of the W3C Accessibility Discoverability Vocabulary, and §4.2 "Conformance reporting"). Every value
/// is derived from what the writer produced, so that it is true of this book and no other.
/// </summary>
internal static class AccessibilityMetadata
{
    /// <summary>The conformance claim, in the form EPUB Accessibility 1.1 §4.2.1 defines and Ace checks.</summary>
    public const string ConformsTo = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

    /// <summary>
    /// Who evaluated the claim (EPUB Accessibility 1.1 §4.2.2, <c>a11y:certifiedBy</c>): the writer itself, whose
    /// output is checked by epubcheck and DAISY Ace in the project's tests. A publisher who has the book evaluated by a
    /// person can add their own name in a later version of this metadata.
    /// </summary>
    public const string CertifiedBy = "Publisher (automated checks)";

    /// <summary>WCAG 2.2 SC 1.4.3: normal text needs 4.5:1 against its background (white unless a reading system themes it).</summary>
    private const double MinimumTextContrast = 4.5;

    /// <summary>
    /// The reasons, if any, why the writer cannot vouch for WCAG 2.2 AA: CSS it did not write (the style's own EPUB
    /// CSS may change colours or hide text), text colour below 4.5:1 on white, or a language it had to guess.
    /// </summary>
    public static ImmutableArray<string> ConformanceBlockers(StyleSheet style, PackageMetadata metadata)
    {
        var blockers = ImmutableArray.CreateBuilder<string>();
        if (!string.IsNullOrWhiteSpace(style.ExtraEpubCss))
        {
            blockers.Add("the style adds its own EPUB CSS, which the writer cannot check");
        }

        if (Colour.Contrast(style.TextColor, Colour.White) < MinimumTextContrast)
        {
            blockers.Add("the text colour has less than 4.5:1 contrast on white");
        }

        if (metadata.LanguageGuessed)
        {
            blockers.Add("the book's language is not a valid tag, so the EPUB's is a guess");
        }

        return blockers.ToImmutable();
    }

    /// <summary>The <c>meta</c> properties and values, in the order they are written.</summary>
    public static ImmutableArray<(string Property, string Value)> Properties(AccessibilityFacts facts)
    {
        var p = ImmutableArray.CreateBuilder<(string, string)>();

        // accessMode: the senses the content needs as published; an image adds "visual".
        p.Add(("schema:accessMode", "textual"));
        if (facts.Images > 0)
        {
            p.Add(("schema:accessMode", "visual"));
        }

        // accessModeSufficient: text alone is enough only when every image has a text alternative.
        if (facts.AllImagesHaveAlt)
        {
            p.Add(("schema:accessModeSufficient", "textual"));
        }

        if (facts.Images > 0)
        {
            p.Add(("schema:accessModeSufficient", "textual,visual"));
        }

        // accessibilityFeature: the writer makes every one of these itself (nav toc, headings and landmarks, a spine in
        // reading order with notes at the end of their chapter).
        p.Add(("schema:accessibilityFeature", "tableOfContents"));
        p.Add(("schema:accessibilityFeature", "structuralNavigation"));
        p.Add(("schema:accessibilityFeature", "readingOrder"));
        if (facts.Images > 0 && facts.AllImagesHaveAlt)
        {
            p.Add(("schema:accessibilityFeature", "alternativeText"));
        }

        // Only with the page-list of the print edition (issue 4, item 3), never before: a claim of page numbers a
        // reader cannot navigate by would be false.
        if (facts.PageList)
        {
            p.Add(("schema:accessibilityFeature", "printPageNumbers"));
        }

        // No sound, video, animation or flashing content is ever written.
        p.Add(("schema:accessibilityHazard", "none"));
        p.Add(("schema:accessibilitySummary", Summary(facts)));
        if (facts.Conforms)
        {
            p.Add(("dcterms:conformsTo", ConformsTo));
            p.Add(("a11y:certifiedBy", CertifiedBy));
        }

        return p.ToImmutable();
    }

    /// <summary>A plain-language summary of the above (EPUB Accessibility 1.1 §5.2 recommends one).</summary>
    private static string Summary(AccessibilityFacts facts)
    {
        var s = new List<string>();
        if (facts.Conforms)
        {
            s.Add("This publication meets the EPUB Accessibility 1.1 and WCAG 2.2 Level AA requirements.");
        }

        s.Add("It is reflowable text: the reader can change the font, size and colours.");
        s.Add("Chapters and sections have structured headings, listed in a table of contents, and landmarks lead to the main parts of the book.");
        s.Add("Footnotes are linked from their citation and back.");
        if (facts.Images > 0)
        {
            s.Add(facts.AllImagesHaveAlt ? "The cover image has a text description." : "Some images have no text description.");
        }

        if (facts.PageList)
        {
            s.Add("Page numbers of the print edition can be navigated.");
        }

        s.Add("There are no flashing, sound or motion hazards.");
        return string.Join(" ", s);
    }
}
