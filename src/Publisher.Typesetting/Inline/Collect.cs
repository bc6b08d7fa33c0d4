using System.Collections.Immutable;
using System.Text;
using Publisher.Model;
using Publisher.Typesetting.Fonts;

namespace Publisher.Typesetting.Inline;

/// <summary>What a paragraph's text needs from the rest of the book while its runs are collected.</summary>
internal interface IInlineContext
{
    /// <summary>The folio printed on the page where an id lands, or null before the first layout pass has found it.</summary>
    string? FolioOf(string id);

    /// <summary>The id that a note's citation links to, for notes of the current division.</summary>
    string NoteAnchor(string noteId);

    /// <summary>The faces for code, and its size as a fraction of the text around it; null to set code in the text's own faces.</summary>
    (FontFace[] Family, double Scale)? Mono => null;

    /// <summary>The book's abbreviation for "page" in a page reference (<see cref="Labels.Page"/>).</summary>
    string PageAbbreviation => Labels.English.Page;
}

/// <summary>
/// Stage 1 of inline layout, collect: takes the book model's inlines and gives styled runs for <see cref="Shape"/>.
/// Emphasis toggles italic, strong picks bold, page references become "p. N", note citations become raised numbers.
/// Whitespace is collapsed to single spaces.
/// </summary>
internal static class Collect
{
    /// <summary>Raised note numbers: size and rise as fractions of the text size.</summary>
    private const double SuperscriptScale = 0.62;
    private const double SuperscriptRise = 0.36;

    /// <summary>What is set between two note marks side by side, raised like them.</summary>
    private const string NoteMarkSeparator = ",";

    public static List<Run> Runs(IEnumerable<Model.Inline> inlines, FontFace[] family, double size, IInlineContext context, bool italic = false, bool bold = false, bool smallCaps = false)
    {
        var runs = new List<Run>();
        var state = new State(family, size, italic, bold, smallCaps, null, null, false);
        Walk(inlines, state, runs, context);
        return WithFallback(Normalise(runs));
    }

    /// <summary>
    /// Splits runs where the face lacks a character and its fallback face has it, so that stretch is set (and shaped)
    /// in the fallback font: font itemisation, as browsers do with a font-family list (CSS Fonts 4 §5.1, "cluster
    /// matching", simplified to one code point and its combining marks). White space stays with the run's own face.
    /// </summary>
    private static List<Run> WithFallback(List<Run> runs)
    {
        if (runs.All(r => r.Style.Face.Fallback is null))
        {
            return runs;
        }

        var result = new List<Run>(runs.Count);
        foreach (var run in runs)
        {
            if (run.Style.Face.Fallback is not { } fallback || run.Text.Length == 0)
            {
                result.Add(run);
                continue;
            }

            var face = run.Style.Face;
            var pieceStart = 0;
            var pieceFallback = false;
            var index = 0;
            foreach (var rune in run.Text.EnumerateRunes())
            {
                // A combining mark stays with the character before it.
                var category = Rune.GetUnicodeCategory(rune);
                var joins = index > 0 && category is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark;
                var useFallback = joins ? pieceFallback : !Rune.IsWhiteSpace(rune) && !face.Covers(rune.Value) && fallback.Covers(rune.Value);
                if (index > 0 && useFallback != pieceFallback)
                {
                    result.Add(Piece(run, pieceStart, index, pieceFallback ? fallback : face));
                    pieceStart = index;
                }

                pieceFallback = useFallback;
                index += rune.Utf16SequenceLength;
            }

            result.Add(Piece(run, pieceStart, run.Text.Length, pieceFallback ? fallback : face));
        }

        return result;

        static Run Piece(Run run, int start, int end, FontFace face)
        {
            if (start == 0 && end == run.Text.Length && ReferenceEquals(face, run.Style.Face))
            {
                return run;
            }

            // Markers (a note's citation, an anchor) stay on the first piece; the counted position moves on.
            return new Run
            {
                Text = run.Text[start..end],
                Style = run.Style with { Face = face },
                NoteId = start == 0 ? run.NoteId : null,
                AnchorId = start == 0 ? run.AnchorId : null,
                Generated = run.Generated,
                CountBase = run.CountBase + (run.Generated ? 0 : TextLeaves.Counted(run.Text.AsSpan(0, start))),
            };
        }
    }

    private sealed record State(FontFace[] Family, double Size, bool Italic, bool Bold, bool SmallCaps, string? Anchor, string? Url, bool NoHyphenation, double Rise = 0, bool Strike = false)
    {
        public RunStyle Style(double sizeScale = 1, double rise = 0) => new(
            Family[(int)(Bold ? (Italic ? FaceStyle.BoldItalic : FaceStyle.Bold) : (Italic ? FaceStyle.Italic : FaceStyle.Regular))],
            Size * sizeScale, SmallCaps, Rise + rise, Anchor, Url, NoHyphenation, Strike);
    }

    /// <summary>
    /// Sub- and superscript: two thirds of the size, lowered by a sixth or raised by a third of the text's size (the
    /// proportions of the OpenType 'subs'/'sups' defaults most fonts ship, drawn here as scaled glyphs).
    /// </summary>
    private static State Shifted(State s, bool up) =>
        s with { Size = s.Size * ScriptScale, Rise = s.Rise + (s.Size * (up ? 0.33 : -0.15)), NoHyphenation = true };

    private const double ScriptScale = 0.67;

    // Kept out of Walk, which recurses once per level of nesting: every local of a case there is paid for in every
    // frame. (The loader keeps nesting to 128 levels; before it did, these locals tipped 10,000 nested <em> over.)
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Run CodeRun(CodeInline c, State s, IInlineContext context)
    {
        var code = s with { NoHyphenation = true };
        return context.Mono is var (mono, scale)
            ? new Run { Text = c.Text, Style = (code with { Family = mono }).Style(scale) }
            : new Run { Text = c.Text, Style = code.Style() };
    }

    private static void Walk(IEnumerable<Model.Inline> inlines, State s, List<Run> runs, IInlineContext context)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextInline t:
                    runs.Add(new Run { Text = t.Text, Style = s.Style() });
                    break;
                case CodeInline c:
                    runs.Add(CodeRun(c, s, context));
                    break;
                case LineBreakInline:
                    runs.Add(new Run { Text = "", Style = s.Style(), ForcedBreak = true });
                    break;
                case AnchorInline a:
                    runs.Add(new Run { Text = "", Style = s.Style(), AnchorId = a.Id });
                    break;
                case NoteRefInline n:
                    var mark = s with { Italic = false, Bold = false, SmallCaps = false, NoHyphenation = true };
                    if (runs.Count > 0 && runs[^1].NoteId is not null)
                    {
                        // Marks side by side ("text¹²") would read as note 12: a raised comma sets them apart, as
                        // LaTeX's footmisc does with [multiple].
                        runs.Add(new Run { Text = NoteMarkSeparator, Style = (mark with { Anchor = null }).Style(SuperscriptScale, s.Size * SuperscriptRise), Generated = true });
                    }

                    runs.Add(new Run
                    {
                        Text = n.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Style = (mark with { Anchor = context.NoteAnchor(n.NoteId) }).Style(SuperscriptScale, s.Size * SuperscriptRise),
                        NoteId = n.NoteId,
                        Generated = true,
                    });
                    break;
                case CrossRefInline x when x.IsPageReference:
                    // "p. 23" with a no-break space, so the number never starts a line alone.
                    var folio = context.FolioOf(x.TargetId) ?? "00";
                    runs.Add(new Run { Text = context.PageAbbreviation + "\u00A0" + folio, Style = (s with { Anchor = x.TargetId, NoHyphenation = true }).Style(), Generated = true });
                    break;
                case CrossRefInline x:
                    Walk(x.Children, s with { Anchor = x.TargetId }, runs, context);
                    break;
                case LinkInline l:
                    Walk(l.Children, s with { Url = l.Url, NoHyphenation = true }, runs, context);
                    break;
                case EmphasisInline e:
                    // Emphasis inside italic turns back to roman, as typographers do.
                    Walk(e.Children, s with { Italic = !s.Italic }, runs, context);
                    break;
                case StrongInline b:
                    Walk(b.Children, s with { Bold = true }, runs, context);
                    break;
                case SmallCapsInline sc:
                    Walk(sc.Children, s with { SmallCaps = true }, runs, context);
                    break;
                case StrikeInline st:
                    Walk(st.Children, s with { Strike = true }, runs, context);
                    break;
                case SubscriptInline or SuperscriptInline:
                    Walk(((ContainerInline)inline).Children, Shifted(s, inline is SuperscriptInline), runs, context);
                    break;
                case ContainerInline other:
                    Walk(other.Children, s, runs, context);
                    break;
            }
        }
    }

    /// <summary>Collapses whitespace to single spaces, trims the ends, and merges neighbouring runs of one style.</summary>
    private static List<Run> Normalise(List<Run> runs)
    {
        var result = new List<Run>();
        var lastWasSpace = true; // trims leading space
        foreach (var run in runs)
        {
            if (run.Text.Length == 0)
            {
                result.Add(run);
                if (run.ForcedBreak)
                {
                    lastWasSpace = true;
                }

                continue;
            }

            var sb = new StringBuilder(run.Text.Length);
            foreach (var ch in run.Text)
            {
                var c = ch is '\t' or '\n' or '\r' ? ' ' : ch;
                if (c == ' ')
                {
                    if (!lastWasSpace)
                    {
                        sb.Append(' ');
                    }

                    lastWasSpace = true;
                }
                else
                {
                    sb.Append(c);
                    lastWasSpace = false;
                }
            }

            if (sb.Length == 0)
            {
                continue;
            }

            var text = sb.ToString();
            if (result.Count > 0 && result[^1] is { Text.Length: > 0, AnchorId: null, NoteId: null, ForcedBreak: false, Generated: false } prev
                && prev.Style == run.Style && run.NoteId is null && !run.Generated)
            {
                result[^1] = new Run { Text = prev.Text + text, Style = prev.Style };
            }
            else
            {
                result.Add(new Run { Text = text, Style = run.Style, NoteId = run.NoteId, AnchorId = run.AnchorId, Generated = run.Generated });
            }
        }

        // Trim a trailing space (and one before a forced break).
        for (var i = result.Count - 1; i >= 0; i--)
        {
            if (result[i].Text.Length == 0)
            {
                continue;
            }

            if (result[i].Text.EndsWith(' '))
            {
                var t = result[i].Text.TrimEnd(' ');
                if (t.Length == 0)
                {
                    result.RemoveAt(i);
                    continue;
                }

                result[i] = new Run { Text = t, Style = result[i].Style, NoteId = result[i].NoteId, AnchorId = result[i].AnchorId, Generated = result[i].Generated };
            }

            break;
        }

        // Where each run starts in the leaf's counted text (white space never counts, so collapsing it is harmless).
        var counted = 0;
        foreach (var run in result)
        {
            run.CountBase = counted;
            if (!run.Generated)
            {
                counted += TextLeaves.Counted(run.Text);
            }
        }

        return result;
    }

    /// <summary>Plain text of inlines, for running heads and the outline.</summary>
    public static string Plain(ImmutableArray<Model.Inline> inlines) => Model.Inline.ToPlainText(inlines).Trim();
}
