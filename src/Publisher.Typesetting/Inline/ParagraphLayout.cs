using System.Text;
using Publisher.Styles;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Typesetting.Inline;

/// <summary>Settings for one paragraph's line breaking, as the inline stages need them.</summary>
/// <param name="Measure">The width of a line, in points.</param>
/// <param name="FirstIndent">The first line's indent, set as an empty box.</param>
/// <param name="Align">How lines are set: justified lines are broken by Knuth–Plass, others by first fit.</param>
/// <param name="Hyphenate">Whether the patterns may hyphenate words (soft hyphens always may).</param>
/// <param name="Language">The BCP 47 language, for shaping.</param>
/// <param name="Hyphenator">The patterns, when the paragraph is hyphenated.</param>
/// <param name="LeftIndent">How far every line is moved right (the line's own width is <paramref name="Measure"/>).</param>
/// <param name="Balance">Ragged lines of even length (headings, titles).</param>
/// <param name="ContinuationIndent">How much narrower a ragged line is that continues one too long (wrapped code).</param>
internal sealed record ParagraphConfig(
    double Measure,
    double FirstIndent,
    TextAlign Align,
    bool Hyphenate,
    string Language,
    Hyphenator? Hyphenator,
    double LeftIndent = 0,
    bool Balance = false,
    double ContinuationIndent = 0);

/// <summary>
/// Lays out one paragraph, the stages in order, each in its own file: collect runs (<see cref="Collect"/>, done by
/// the caller) → shape each run once (<see cref="Shape"/>) → build boxes, glue and penalties with hyphenation points
/// where HarfBuzz says a break is safe (<see cref="Itemize"/>, with ligature <see cref="Discretionaries"/>) → break
/// lines (<see cref="Break"/>: Knuth–Plass, or first fit for ragged text) → place glyphs (<see cref="Place"/>). The
/// same stages typst calls collect, prepare, linebreak and finalize.
/// </summary>
internal static class ParagraphLayout
{
    /// <summary>How much more letter-spacing a paragraph may use when it cannot be set otherwise (2.5 × 12/1000 em = 3/100 em).</summary>
    private const double EmergencyLetterFactor = 2.5;

    public static (List<LaidLine> Lines, List<LineWarning> Warnings) Layout(IReadOnlyList<Run> runs, ParagraphConfig config)
    {
        IReadOnlyList<ShapedRun> shaped = Shape.Runs(runs, config.Language);
        var warnings = MissingGlyphs(shaped);
        var hidden = new HashSet<(int Run, int Char)>();
        var items = Itemize.Paragraph(shaped, config, hiddenBreaks: hidden);

        // Hyphenation points inside a ligature: break as if each were split, then keep split only those broken at.
        Shaping? ligated = null;
        if (hidden.Count > 0)
        {
            ligated = new Shaping(shaped, items);
            shaped = Discretionaries.Split(shaped, hidden, config.Language);
            items = Itemize.Paragraph(shaped, config);
        }

        var letterFactor = 1.0;
        var result = Break.Lines(items.Items, config);
        if (result.Pass > 1)
        {
            // No breaking keeps every word space within 1.5×: before letting spaces open wider, let the words
            // take up more of the slack (up to EmergencyLetterFactor × the usual letter-spacing). The words too wide
            // for a line are the same either way; their warnings are kept from the first build.
            var loose = Itemize.Paragraph(shaped, config, EmergencyLetterFactor);
            var retry = Break.Lines(loose.Items, config);
            if (retry.Pass < result.Pass)
            {
                (items, result, letterFactor) = (loose with { Warnings = items.Warnings }, retry, EmergencyLetterFactor);
            }
        }

        if (ligated is not null)
        {
            Shaping rejoined;
            (rejoined, result) = Discretionaries.Rejoin(hidden, ligated, new Shaping(shaped, items), result, config, letterFactor);
            (shaped, items) = (rejoined.Runs, rejoined.Items);
        }

        warnings.AddRange(items.Warnings);
        return (Place.Lines(shaped, items, result, config, warnings), warnings);
    }

    /// <summary>
    /// Characters the font has no glyph for come out as .notdef boxes (glyph 0): say which, so the author can change
    /// the text or give the style a font that has them. One warning per character and paragraph.
    /// </summary>
    private static List<LineWarning> MissingGlyphs(IReadOnlyList<ShapedRun> runs)
    {
        var warnings = new List<LineWarning>();
        var seen = new HashSet<int>();
        foreach (var run in runs)
        {
            foreach (var g in run.Glyphs)
            {
                if (g.Id != 0 || g.Cluster >= run.Text.Length)
                {
                    continue;
                }

                var rune = Rune.GetRuneAt(run.Text, g.Cluster);
                if (!Rune.IsWhiteSpace(rune) && seen.Add(rune.Value))
                {
                    var fonts = run.Style.Face.Fallback is { } fallback
                        ? $"neither '{run.Style.Face.Name}' nor the fallback '{fallback.Name}' can show"
                        : $"'{run.Style.Face.Name}' cannot show";
                    warnings.Add(new LineWarning(LineWarningKind.MissingGlyph,
                        FormattableString.Invariant($"no glyph for '{rune}' (U+{rune.Value:X4}), which {fonts}; it is left as a blank space on the page"), rune.ToString()));
                }
            }
        }

        return warnings;
    }

    /// <summary>The widest unbreakable stretch (a word with what clings to it) and the width of the whole text on one line.</summary>
    public static (double Widest, double Total) NaturalWidths(IReadOnlyList<Run> runs)
    {
        var items = Itemize.Paragraph(Shape.Runs(runs, "en"), new ParagraphConfig(1e9, 0, TextAlign.Left, false, "en", null)).Items;
        double widest = 0, word = 0, total = 0;
        foreach (var it in items)
        {
            if (it.Kind == ItemKind.Box)
            {
                word += it.Width;
                total += it.Width;
            }
            else if (it.Kind == ItemKind.Glue)
            {
                widest = Math.Max(widest, word);
                word = 0;
                total += it.Width;
            }
        }

        return (Math.Max(widest, word), total);
    }
}

/// <summary>What setting a paragraph found wrong with it.</summary>
public enum LineWarningKind
{
    /// <summary>A character no font of the paragraph can show.</summary>
    MissingGlyph,

    /// <summary>A word wider than the line, broken by force.</summary>
    OverlongWord,

    /// <summary>A justified line whose word spaces had to open far wider than they should.</summary>
    LooseLine,
}

/// <summary>A warning from setting one paragraph: its kind, the message, and the text it is about.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">The message for the author.</param>
/// <param name="Subject">The character or word, so the warning can point at it in the source.</param>
public sealed record LineWarning(LineWarningKind Kind, string Message, string Subject);
