using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.SmartyPants;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Manuscript.Markdown.Extensions.Anchors;
using Publisher.Manuscript.Text;
using Publisher.Model;
using ContainerInline = Markdig.Syntax.Inlines.ContainerInline;
using EmphasisInline = Markdig.Syntax.Inlines.EmphasisInline;
using MInlines = Markdig.Syntax.Inlines;

namespace Publisher.Manuscript.Markdown;

internal sealed partial class ModelBuilder
{
    // Set by <a id="x"> so that the </a> closing it is dropped without a second warning.
    private bool _swallowClosingAnchor;

    /// <summary>A block's inlines as model inlines, trimmed at both ends.</summary>
    private ImmutableArray<Model.Inline> Inlines(ContainerInline? container, AnchorMarkInline? skip = null)
    {
        var sink = new InlineSink(this);
        if (container is not null)
        {
            AddInlines(container, sink, skip);
        }

        return sink.Finish(trim: true);
    }

    private ImmutableArray<Model.Inline> Children(ContainerInline container)
    {
        var sink = new InlineSink(this);
        AddInlines(container, sink, null);
        return sink.Finish(trim: false);
    }

    private void AddInlines(ContainerInline container, InlineSink sink, AnchorMarkInline? skip)
    {
        foreach (var inline in container)
        {
            if (!ReferenceEquals(inline, skip))
            {
                AddInline(inline, sink);
            }
        }
    }

    private void AddInline(MInlines.Inline inline, InlineSink sink)
    {
        switch (inline)
        {
            case LiteralInline literal:
                sink.AppendText(literal.Content.ToString(), literal);
                break;
            case SmartyPant smarty:
                sink.AppendText(Smart(smarty), smarty);
                break;
            case HtmlEntityInline entity:
                sink.AppendText(entity.Transcoded.ToString(), entity);
                break;
            case MInlines.CodeInline code:
                sink.Add(new Model.CodeInline(code.Content));
                break;
            case MInlines.LineBreakInline lineBreak:
                if (lineBreak.IsHard)
                {
                    sink.Add(new Model.LineBreakInline());
                }
                else
                {
                    sink.AppendText(" ", null);
                }

                break;
            case EmphasisInline emphasis:
                sink.Add(Emphasis(emphasis));
                break;
            case FootnoteLink { IsBackLink: true }:
                break;
            case FootnoteLink note:
                var slot = Cite(note.Footnote);
                sink.Add(new NoteRefInline(slot.Id, slot.Number));
                break;
            case MInlines.LinkInline link:
                Link(link, sink);
                break;
            case AutolinkInline autolink:
                sink.Add(new Model.LinkInline(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, [new TextInline(autolink.Url)]));
                break;
            case HtmlInline html:
                Html(html, sink);
                break;
            case AnchorMarkInline mark:
                if (_book.Ids.ClaimExplicit(mark.Id, At(mark), Diagnostics) is { } id)
                {
                    _pendingAnchors.Add(id);
                    sink.Add(new AnchorInline(id));
                }

                break;
            case DelimiterInline delimiter:
                // Markdig turns unmatched delimiters into literals; one left over is shown as written.
                sink.AppendText(delimiter.ToLiteral(), delimiter);
                break;
            case ContainerInline container:
                AddInlines(container, sink, null);
                break;
        }
    }

    private static string Smart(SmartyPant smarty) => smarty.Type switch
    {
        SmartyPantType.LeftQuote => "\u2018",
        SmartyPantType.RightQuote => "\u2019",
        SmartyPantType.LeftDoubleQuote => "\u201C",
        SmartyPantType.RightDoubleQuote => "\u201D",
        SmartyPantType.LeftAngleQuote => "\u00AB",
        SmartyPantType.RightAngleQuote => "\u00BB",
        SmartyPantType.Ellipsis => "\u2026",
        SmartyPantType.Dash2 => "\u2013",
        SmartyPantType.Dash3 => "\u2014",

        // Unpaired quotes: left straight here for Typography.Finish, which sees their neighbours.
        SmartyPantType.Quote => "'",
        SmartyPantType.DoubleQuote => "\"",
        _ => smarty.ToString(),
    };

    private Model.Inline Emphasis(EmphasisInline emphasis)
    {
        var children = Children(emphasis);

        // "*text*{.smallcaps}": generic attributes put the class on the emphasis.
        if (emphasis.TryGetAttributes()?.Classes?.Contains("smallcaps") == true)
        {
            return new SmallCapsInline(children);
        }

        return emphasis.DelimiterCount >= 2 ? new StrongInline(children) : new Model.EmphasisInline(children);
    }

    private void Link(MInlines.LinkInline link, InlineSink sink)
    {
        if (link.IsImage)
        {
            Diagnostics.Warning(DiagnosticCodes.ImageNotSupported, "images are not supported yet; the alt text is kept", At(link));
            AddInlines(link, sink, null);
            return;
        }

        var url = link.Url ?? "";
        if (url.StartsWith('#') && url.Length > 1)
        {
            var target = Uri.UnescapeDataString(url[1..]);
            var children = Children(link);

            // No text (or only spaces) is a page reference: the renderer supplies "p. 23" or the target's title.
            if (children.All(c => c is TextInline t && string.IsNullOrWhiteSpace(t.Text)))
            {
                children = [];
            }

            _book.Targets.AddReference(target, At(link));
            sink.Add(new CrossRefInline(target, InlineSink.Trim(children)));
            return;
        }

        if (url.Length == 0)
        {
            AddInlines(link, sink, null);
            return;
        }

        var text = InlineSink.Trim(Children(link));
        sink.Add(new Model.LinkInline(url, text.IsEmpty ? [new TextInline(url)] : text));
    }

    private void Html(HtmlInline html, InlineSink sink)
    {
        var tag = html.Tag ?? "";
        if (HtmlAnchor.IdOf(tag) is { } anchorId)
        {
            _swallowClosingAnchor = true;
            if (_book.Ids.ClaimExplicit(anchorId, At(html), Diagnostics) is { } id)
            {
                _pendingAnchors.Add(id);
                sink.Add(new AnchorInline(id));
            }

            return;
        }

        if (_swallowClosingAnchor && HtmlAnchor.IsClosingTag(tag))
        {
            _swallowClosingAnchor = false;
            return;
        }

        // Comments show nowhere, so dropping them loses nothing and is not worth a warning.
        if (tag.StartsWith("<!--", StringComparison.Ordinal))
        {
            return;
        }

        Diagnostics.Warning(DiagnosticCodes.RawHtmlInline, $"raw HTML is not supported; the tag '{tag}' is dropped", At(html));
    }

    /// <summary>The text of a heading as Markdig holds it, for a slug made before the model inlines exist.</summary>
    private static string SlugText(ContainerInline? container)
    {
        var sb = new StringBuilder();
        Append(container);
        return sb.ToString();

        void Append(ContainerInline? c)
        {
            if (c is null)
            {
                return;
            }

            foreach (var inline in c)
            {
                switch (inline)
                {
                    case LiteralInline literal: sb.Append(literal.Content.ToString()); break;
                    case MInlines.CodeInline code: sb.Append(code.Content); break;
                    case HtmlEntityInline entity: sb.Append(entity.Transcoded.ToString()); break;
                    case MInlines.LineBreakInline or SmartyPant: sb.Append(' '); break;
                    case MInlines.LinkInline { IsImage: false } or EmphasisInline: Append((ContainerInline)inline); break;
                }
            }
        }
    }

    /// <summary>
    /// Gathers the inlines of one container: adjacent text is merged (and finished by <see cref="Typography"/>)
    /// before anything else is added. It also remembers where each piece of text came from, so that an undefined
    /// footnote citation, which Markdig leaves as plain text, can be reported at its place.
    /// </summary>
    private sealed partial class InlineSink(ModelBuilder owner)
    {
        private readonly List<Model.Inline> _items = [];
        private readonly StringBuilder _text = new();
        private readonly List<(int Offset, MarkdownObject Origin)> _pieces = [];
        private char _lastChar;

        public void AppendText(string text, MarkdownObject? origin)
        {
            // Markdig gives some synthesised literals (a '[' that opened no link) no position: they are skipped.
            if (origin is not null && !(origin.Line == 0 && origin.Column == 0 && origin.Span.IsEmpty))
            {
                _pieces.Add((_text.Length, origin));
            }

            _text.Append(text);
        }

        public void Add(Model.Inline inline)
        {
            Flush();
            _items.Add(inline);
            var shown = inline switch
            {
                Model.LineBreakInline => " ",
                AnchorInline or NoteRefInline => "",
                _ => Model.Inline.ToPlainText([inline]),
            };
            if (shown.Length > 0)
            {
                _lastChar = shown[^1];
            }
        }

        public ImmutableArray<Model.Inline> Finish(bool trim)
        {
            Flush();
            return trim ? Trim([.. _items]) : [.. _items];
        }

        /// <summary>Removes spaces at both ends and around forced line breaks; drops text left empty.</summary>
        public static ImmutableArray<Model.Inline> Trim(ImmutableArray<Model.Inline> items)
        {
            var result = new List<Model.Inline>(items.Length);
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i] is not TextInline text)
                {
                    result.Add(items[i]);
                    continue;
                }

                var value = text.Text;
                if (i == 0 || items[i - 1] is Model.LineBreakInline)
                {
                    value = value.TrimStart(' ');
                }

                if (i == items.Length - 1 || items[i + 1] is Model.LineBreakInline)
                {
                    value = value.TrimEnd(' ');
                }

                if (value.Length > 0)
                {
                    result.Add(value.Length == text.Text.Length ? text : new TextInline(value));
                }
            }

            return [.. result];
        }

        private void Flush()
        {
            if (_text.Length == 0)
            {
                return;
            }

            var raw = _text.ToString();
            ReportUndefinedFootnotes(raw);
            ReportLooseAnchorMarks(raw);
            var finished = Typography.Finish(raw, _lastChar);
            _text.Clear();
            _pieces.Clear();
            if (finished.Length > 0)
            {
                _items.Add(new TextInline(finished));
                _lastChar = finished[^1];
            }
        }

        private void ReportUndefinedFootnotes(string raw)
        {
            foreach (Match match in UndefinedCitation().Matches(raw))
            {
                // The '^' sits in a positioned piece even when the '[' before it does not.
                var span = SpanAt(match.Index + 1) is { } caret ? caret with { Column = caret.Column - 1 } : null;
                owner.Diagnostics.Warning(
                    DiagnosticCodes.UndefinedFootnote,
                    $"the footnote '{match.Value}' is not defined; the text is kept as written",
                    span,
                    $"define it on a line of its own: {match.Value}: The note.");
            }
        }

        private void ReportLooseAnchorMarks(string raw)
        {
            foreach (Match match in LooseAnchorMark().Matches(raw))
            {
                // Markdig's generic attributes take "{#id}" after a space, but not an id of one character.
                var hint = match.Length == 4
                    ? "after a space, Markdown reads ids of two characters or more only; use a longer id"
                    : $"write it straight after a word: word{match.Value}";
                owner.Diagnostics.Warning(
                    DiagnosticCodes.LooseAnchorMark,
                    $"'{match.Value}' is not read as an id, so it is printed as written",
                    SpanAt(match.Index),
                    hint);
            }
        }

        /// <summary>The source position of the character at <paramref name="offset"/> in the pending text, when known.</summary>
        private Model.SourceSpan? SpanAt(int offset)
        {
            var piece = _pieces.LastOrDefault(p => p.Offset <= offset);
            return piece.Origin is null
                ? null
                : new Model.SourceSpan(owner._display, piece.Origin.Line + 1, piece.Origin.Column + 1 + (offset - piece.Offset));
        }

        [GeneratedRegex(@"\[\^[^\]\s]+\]", RegexOptions.CultureInvariant)]
        private static partial Regex UndefinedCitation();

        [GeneratedRegex(@"\{#[A-Za-z][A-Za-z0-9_.:-]*\}", RegexOptions.CultureInvariant)]
        private static partial Regex LooseAnchorMark();
    }
}
