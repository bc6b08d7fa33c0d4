using HarfBuzzSharp;
using Publisher.Typesetting.Fonts;

namespace Publisher.Typesetting.Inline;

/// <summary>A run and the glyphs HarfBuzz gave it: what every later stage reads instead of the run's text.</summary>
/// <param name="Run">The styled run, as collected.</param>
/// <param name="Glyphs">Its glyphs in visual (left to right) order, each with the index of its first character (cluster).</param>
internal sealed record ShapedRun(Run Run, ShapedGlyph[] Glyphs)
{
    public string Text => Run.Text;

    public RunStyle Style => Run.Style;

    /// <summary>The character where glyphs [.., <paramref name="glyphEnd"/>) end: the next glyph's cluster, or the end of the text.</summary>
    public int CharEnd(int glyphEnd) => glyphEnd < Glyphs.Length ? Glyphs[glyphEnd].Cluster : Text.Length;

    /// <summary>The width in points of glyphs [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public double Width(int from, int to)
    {
        double w = 0;
        for (var i = from; i < to; i++)
        {
            w += Glyphs[i].Advance;
        }

        return w * Style.Size;
    }
}

/// <summary>
/// Stage 2 of inline layout, shape: takes the styled runs <see cref="Collect"/> gives and returns their glyphs, one
/// <see cref="ShapedRun"/> per run, shaped once with HarfBuzz (kerning, standard ligatures, small capitals as the
/// font's smcp and c2sc features). Nothing is written back into the runs: the discretionaries stage shapes a run
/// again with some ligatures off and keeps both results (see <see cref="Discretionaries"/>).
/// </summary>
internal static class Shape
{
    private static readonly Feature[] SmallCapsFeatures = [Feature.Parse("smcp"), Feature.Parse("c2sc")];

    private static readonly Tag[] LigatureFeatures = [Tag.Parse("liga"), Tag.Parse("clig")];

    /// <summary>Shapes every run of a paragraph.</summary>
    public static ShapedRun[] Runs(IReadOnlyList<Run> runs, string language) => [.. runs.Select(r => Glyphs(r, language, []))];

    /// <summary>Shapes one run, with the standard ligatures off for the characters at <paramref name="unligated"/>.</summary>
    internal static ShapedRun Glyphs(Run run, string language, IReadOnlyList<int> unligated)
    {
        if (run.Text.Length == 0)
        {
            return new ShapedRun(run, []);
        }

        // HarfBuzz skips a soft hyphen, as a default ignorable, when it forms ligatures: "ef&shy;fi&shy;cient" became
        // e + ffi + cient, and the author's break points fell inside one glyph, where no line may break. A zero-width
        // non-joiner in its place (one UTF-16 unit too, so clusters keep their indices) stops the ligature. A marked
        // word is rare enough that its break points matter more than its ligature.
        var text = run.Text.Contains('\u00AD', StringComparison.Ordinal) ? run.Text.Replace('\u00AD', '\u200C') : run.Text;
        IReadOnlyList<Feature>? features = run.Style.SmallCaps ? SmallCapsFeatures : null;
        if (unligated.Count > 0)
        {
            features = [.. features ?? [], .. unligated.SelectMany(c => LigatureFeatures.Select(t => new Feature(t, 0, (uint)c, (uint)c + 1)))];
        }

        return new ShapedRun(run, run.Style.Face.Shape(text, language, features));
    }
}
