using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.SmartyPants;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Manuscript.Markdown.Extensions.Anchors;
using Publisher.Manuscript.Markdown.Html;
using Publisher.Manuscript.Text;
using Publisher.Model;
using ContainerInline = Markdig.Syntax.Inlines.ContainerInline;
using EmphasisInline = Markdig.Syntax.Inlines.EmphasisInline;
using MInlines = Markdig.Syntax.Inlines;

namespace Publisher.Manuscript.Markdown;

internal sealed partial class ModelBuilder
{
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
        // Raw HTML tags pair up within the container they appear in (see ModelBuilder.Html): content between an
        // opening and a closing tag goes to the open element's sink, and whatever is still open closes here.
        var html = new HtmlScope(this, sink);
        foreach (var inline in container)
        {
            if (ReferenceEquals(inline, skip))
            {
                continue;
            }

            if (inline is HtmlInline tag)
            {
                html.Tag(tag.Tag ?? "", At(tag));
            }
            else if (!html.Suppressing)
            {
                AddInline(inline, html.Sink);
            }
        }

        html.CloseAll();
    }

    private void AddInline(MInlines.Inline inline, InlineSink sink)
    {
        switch (inline)
        {
            case LiteralInline literal:
                WarnIfStrayMarker(literal);
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
                    sink.AppendText(" ", (MarkdownObject?)null);
                }

                break;
            case EmphasisInline { DelimiterCount: 1, DelimiterChar: '^' or '~' } script when SpansSpace(script):
                // Pandoc's rule: a sub- or superscript holds no space, so "10^6 to 10^9" and "~5 km and ~10 km" stay
                // text. Written back into this sink, its text still meets the rest ("[^nope]" is still seen whole).
                sink.AppendText(script.DelimiterChar.ToString(), script);
                AddInlines(script, sink, null);
                sink.AppendText(script.DelimiterChar.ToString(), (MarkdownObject?)null);
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
            case AutolinkInline autolink when !autolink.IsEmail && HtmlPolicy.IsUnsafeUrl(autolink.Url):
                WarnUnsafeUrl(autolink.Url, At(autolink));
                sink.AppendText(autolink.Url, autolink);
                break;
            case AutolinkInline autolink:
                sink.Add(new Model.LinkInline(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, [new TextInline(autolink.Url)]));
                break;
            case AnchorMarkInline mark:
                if (_book.Ids.ClaimExplicit(mark.Id, At(mark), Diagnostics) is { } id)
                {
                    _pendingAnchors.Add(id);
                    sink.Add(new AnchorInline(id));
                }

                break;
            case DelimiterInline delimiter:
                // Markdig turns unmatched delimiters into literals; one left over is shown as written. It can be left
                // holding the inlines after it (an unmatched '[' before a footnote citation, when the paragraph is cut
                // short by a list item), which were lost with it (found by the fuzzer): they follow it.
                sink.AppendText(delimiter.ToLiteral(), delimiter);
                AddInlines(delimiter, sink, null);
                break;
            case ContainerInline container:
                AddInlines(container, sink, null);
                break;
        }
    }

    /// <summary>
    /// Markdig leaves an emphasis delimiter that found no partner as a literal of its own ("a *b c", "end*", "5*3"):
    /// usually a typo that prints an asterisk where emphasis was meant. An escaped one (\*) or one set apart by spaces
    /// ("5 * 3") is text on purpose and stays in a literal with its neighbours, so it is not reported.
    /// </summary>
    private void WarnIfStrayMarker(LiteralInline literal)
    {
        var content = literal.Content.AsSpan();
        if (literal.IsFirstCharacterEscaped || content.IsEmpty || content.ContainsAnyExcept('*', '_'))
        {
            return;
        }

        Diagnostics.Warning(DiagnosticCodes.StrayEmphasisMarker,
            $"a stray '{content}' opens or closes no emphasis, so it is printed as written", At(literal),
            $"pair it to emphasise ({Paired(content)}), or write {string.Concat(content.ToString().Select(c => "\\" + c))} to print it");
    }

    // The marker as it should pair: '**' is strong (**word**), '*' or '_' emphasis (*word*).
    private static string Paired(ReadOnlySpan<char> marker) => $"{marker}word{marker}";

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

    private static bool SpansSpace(EmphasisInline script) =>
        script.Descendants<LiteralInline>().Any(l => l.Content.ToString().Any(char.IsWhiteSpace))
        || script.Descendants<MInlines.LineBreakInline>().Any();

    private Model.Inline Emphasis(EmphasisInline emphasis)
    {
        var children = Children(emphasis);

        // "*text*{.smallcaps}": generic attributes put the class on the emphasis.
        if (emphasis.TryGetAttributes()?.Classes?.Contains("smallcaps") == true)
        {
            return new SmallCapsInline(children);
        }

        return emphasis.DelimiterChar switch
        {
            '~' => emphasis.DelimiterCount >= 2 ? new StrikeInline(children) : new SubscriptInline(children),
            '^' => new SuperscriptInline(children),
            _ => emphasis.DelimiterCount >= 2 ? new StrongInline(children) : new Model.EmphasisInline(children),
        };
    }

    private void Link(MInlines.LinkInline link, InlineSink sink)
    {
        if (link.IsImage)
        {
            Image(link.Url, At(link));
            AddInlines(link, sink, null);
            return;
        }

        var url = link.Url ?? "";
        if (url.Length == 0)
        {
            AddInlines(link, sink, null);
            return;
        }

        if (HtmlPolicy.IsUnsafeUrl(url))
        {
            // [text](javascript:...): the text stays, as plain text; the URL goes.
            WarnUnsafeUrl(url, At(link));
            AddInlines(link, sink, null);
            return;
        }

        if (LinkTo(url, Children(link), At(link)) is { } node)
        {
            sink.Add(node);
        }
    }

    /// <summary>
    /// A link to <paramref name="url"/> around <paramref name="children"/>: <c>#id</c> is a cross-reference (with no
    /// text, a page reference), anything else a link whose text defaults to its URL. Shared by Markdown links and
    /// <c>&lt;a href&gt;</c>.
    /// </summary>
    private Model.Inline? LinkTo(string url, ImmutableArray<Model.Inline> children, Model.SourceSpan span)
    {
        if (url.StartsWith('#') && url.Length > 1)
        {
            var target = Uri.UnescapeDataString(url[1..]);

            // No text (or only spaces) is a page reference: the renderer supplies "p. 23" or the target's title.
            if (children.All(c => c is TextInline t && string.IsNullOrWhiteSpace(t.Text)))
            {
                children = [];
            }

            _book.Targets.AddReference(target, span);
            return new CrossRefInline(target, InlineSink.Trim(children));
        }

        var text = InlineSink.Trim(children);
        return new Model.LinkInline(url, text.IsEmpty ? [new TextInline(url)] : text);
    }

    /// <summary>Reports a <c>javascript:</c>, <c>vbscript:</c> or <c>data:</c> URL, which is never made a link.</summary>
    private void WarnUnsafeUrl(string url, Model.SourceSpan span)
    {
        var shown = url.Length > 40 ? url[..40] + "…" : url;
        shown = string.Concat(shown.Select(c => c < ' ' ? FormattableString.Invariant($"\\x{(int)c:X2}") : c.ToString()));
        Diagnostics.Warning(DiagnosticCodes.UnsafeLink,
            $"the link '{shown}' would run code or embed data, not point somewhere; it is removed and its text kept", span,
            "links in a book may point to a web address (https:), an e-mail address (mailto:) or a place in the book (#id)");
    }

    /// <summary>The text of a heading as Markdig holds it, for a slug made before the model inlines exist.</summary>
    private static string SlugText(ContainerInline? container)
    {
        var sb = new StringBuilder();
        string? removed = null; // inside <script>…</script> and the like, whose text the model drops too
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
                if (inline is HtmlInline html)
                {
                    foreach (var t in HtmlTokenizer.Tokenize(html.Tag ?? ""))
                    {
                        if (removed is null && t.Kind == HtmlTokenKind.StartTag && !t.SelfClosing && !HtmlPolicy.IsVoid(t.Name) && HtmlPolicy.RoleOf(t.Name) == HtmlRole.Removed)
                        {
                            removed = t.Name;
                        }
                        else if (t.Kind == HtmlTokenKind.EndTag && t.Name == removed)
                        {
                            removed = null;
                        }
                    }

                    continue;
                }

                if (removed is not null)
                {
                    continue;
                }

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
        private readonly List<(int Offset, Model.SourceSpan Start)> _pieces = [];
        private char _lastChar;

        public void AppendText(string text, MarkdownObject? origin)
        {
            // Markdig gives some synthesised literals (a '[' that opened no link) no position: they are skipped.
            var known = origin is not null && !(origin.Line == 0 && origin.Column == 0 && origin.Span.IsEmpty);
            AppendText(text, known ? owner.At(origin!) : null);
        }

        /// <summary>Text that begins at <paramref name="start"/>, when that is known.</summary>
        public void AppendText(string text, Model.SourceSpan? start)
        {
            if (start is not null)
            {
                _pieces.Add((_text.Length, start));
            }

            _text.Append(text);
        }

        public void Add(Model.Inline inline)
        {
            Flush();
            _items.Add(inline);
            if (LastShown(inline) is { } last)
            {
                _lastChar = last;
            }
        }

        /// <summary>
        /// The last character a reader sees of <paramref name="inline"/>, null when it shows nothing (an anchor). A
        /// page reference shows a page number or a title, and a note citation its number, also inside a link or
        /// emphasis, so the space after either is a word space that must stay: "see [](#x) and" is not "see p. 3and",
        /// and "word [^1] more" is not "word ¹more" (found by the fuzzer).
        /// </summary>
        private static char? LastShown(Model.Inline inline)
        {
            switch (inline)
            {
                case Model.LineBreakInline:
                    return ' ';
                case CrossRefInline { IsPageReference: true } or NoteRefInline:
                    return '0';
                case TextInline { Text.Length: > 0 } t:
                    return t.Text[^1];
                case Model.CodeInline { Text.Length: > 0 } c:
                    return c.Text[^1];
                case Model.ContainerInline container:
                    for (var i = container.Children.Length - 1; i >= 0; i--)
                    {
                        if (LastShown(container.Children[i]) is { } last)
                        {
                            return last;
                        }
                    }

                    return null;
                default:
                    return null;
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
                if (owner._definedNotes.Contains(match.Value))
                {
                    owner.Diagnostics.Warning(
                        DiagnosticCodes.UndefinedFootnote,
                        $"the citation '{match.Value}' is not read as one here (in raw HTML, or escaped), so it cites nothing; the text is kept as written",
                        span,
                        "move the citation out of the HTML block, or write the block in Markdown");
                    continue;
                }

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
            return piece.Start is null ? null : piece.Start with { Column = piece.Start.Column + (offset - piece.Offset) };
        }

        [GeneratedRegex(@"\[\^[^\]\s]+\]", RegexOptions.CultureInvariant)]
        private static partial Regex UndefinedCitation();

        [GeneratedRegex(@"\{#[A-Za-z][A-Za-z0-9_.:-]*\}", RegexOptions.CultureInvariant)]
        private static partial Regex LooseAnchorMark();
    }
}
