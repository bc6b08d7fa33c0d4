using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Publisher.Manuscript.Markdown.Html;
using Publisher.Model;
using M = Markdig.Syntax;
using SourceSpan = Publisher.Model.SourceSpan;

namespace Publisher.Manuscript.Markdown;

/// <summary>
/// Raw HTML in Markdown: inline tags (Markdig's <see cref="HtmlInline"/>, one per tag) and HTML blocks. No raw HTML
/// passes to the model: <see cref="HtmlPolicy"/> maps known-safe tags to model nodes (<c>em</c> to emphasis,
/// <c>a href</c> to a link, <c>br</c> to a line break, <c>hr</c> to a scene break, <c>pre</c> to a code block...),
/// removes active content with everything inside it, and drops any other tag while keeping its text. Tags are paired
/// with a stack, so an unclosed tag closes where its container (paragraph, emphasis, link) ends and a stray end tag
/// is ignored: whatever the author wrote, the model is a tree and the writers' XHTML is well-formed.
/// </summary>
internal sealed partial class ModelBuilder
{
    /// <summary>The model blocks of an HTML block: paragraphs split at block-level tags, scene breaks, code blocks.</summary>
    private List<Model.Block> HtmlBlock(M.HtmlBlock html)
    {
        var blocks = new List<Model.Block>();

        // A comment is the author's note to themselves: it shows nowhere, so dropping it loses nothing.
        if (html.Type == HtmlBlockType.Comment)
        {
            return blocks;
        }

        var (text, lines) = HtmlBlockText(html);
        var tokens = HtmlTokenizer.Tokenize(text);
        SourceSpan SpanAt(int offset)
        {
            var (start, line, column) = lines.LastOrDefault(l => l.Offset <= offset);
            return new SourceSpan(_display, line + 1, column + 1 + (offset - start));
        }

        var scope = new HtmlScope(this, new InlineSink(this));
        SourceSpan? paragraphAt = null;
        var warnedBlock = false;
        void EndParagraph()
        {
            var inlines = scope.Finish();
            if (inlines.Length > 0)
            {
                blocks.Add(new Model.ParagraphBlock(inlines, paragraphAt ?? At(html)));
            }

            scope = new HtmlScope(this, new InlineSink(this));
            paragraphAt = null;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var span = SpanAt(t.Offset);
            if (scope.Suppressing || t.Kind is HtmlTokenKind.Ignorable)
            {
                scope.Token(t, span);
                continue;
            }

            if (t.Kind == HtmlTokenKind.Text)
            {
                if (!string.IsNullOrWhiteSpace(t.Text))
                {
                    paragraphAt ??= span;
                }

                // The collapsed text goes in pieces, one from the first character of each line, each placed where that
                // character stands, so that a problem in the text (an undefined note) is reported on its own line.
                var piece = new StringBuilder();
                var pieceAt = span;
                var space = false;
                var newLine = false;
                for (var k = 0; k < t.Text.Length; k++)
                {
                    var c = t.Text[k];
                    if (c is ' ' or '\t' or '\r' or '\n' or '\f')
                    {
                        space = true;
                        newLine |= c == '\n';
                        continue;
                    }

                    if (space)
                    {
                        piece.Append(' ');
                    }

                    if (newLine && piece.Length > 0)
                    {
                        scope.Text(piece.ToString(), pieceAt);
                        piece.Clear();
                        pieceAt = SpanAt(t.Offset + k);
                    }

                    (space, newLine) = (false, false);
                    piece.Append(c);
                }

                scope.Text(piece.Append(space ? " " : "").ToString(), pieceAt);
                continue;
            }

            switch (HtmlPolicy.RoleOf(t.Name))
            {
                case HtmlRole.Block:
                    // The grouping is lost (a div's class, a list's bullets, a table's cells), the text is not.
                    if (t.Kind == HtmlTokenKind.StartTag && t.Name != "p" && !warnedBlock)
                    {
                        warnedBlock = true;
                        Diagnostics.Warning(DiagnosticCodes.RawHtmlBlock,
                            $"raw HTML: '<{t.Name}>' has no equivalent in the book; its text is kept as paragraphs", span,
                            "write it in Markdown (paragraphs, lists, > quotes, pipe tables) to keep its structure");
                    }

                    scope.WarnEventHandlers(t, span);
                    EndParagraph();
                    break;
                case HtmlRole.Rule when t.Kind == HtmlTokenKind.StartTag:
                    scope.WarnEventHandlers(t, span);
                    EndParagraph();
                    blocks.Add(new SceneBreakBlock(span));
                    break;
                case HtmlRole.Preformatted when t.Kind == HtmlTokenKind.StartTag && !t.SelfClosing:
                    scope.WarnEventHandlers(t, span);
                    EndParagraph();
                    i = Preformatted(tokens, i, span, blocks, SpanAt);
                    break;
                default:
                    scope.Token(t, span);
                    break;
            }
        }

        EndParagraph();
        return blocks;
    }

    /// <summary>The text of a <c>pre</c> (tags dropped, active content removed) as a code block; returns the index of its end tag.</summary>
    private int Preformatted(List<HtmlToken> tokens, int start, SourceSpan span, List<Model.Block> blocks, Func<int, SourceSpan> spanAt)
    {
        var name = tokens[start].Name;
        var sb = new StringBuilder();
        var scope = new HtmlScope(this, new InlineSink(this));
        var i = start + 1;
        for (; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!scope.Suppressing && t.Kind == HtmlTokenKind.EndTag && t.Name == name)
            {
                break;
            }

            if (!scope.Suppressing && t.Kind == HtmlTokenKind.Text)
            {
                sb.Append(t.Text);
            }
            else if (t.Kind != HtmlTokenKind.Text && (scope.Suppressing || HtmlPolicy.RoleOf(t.Name) == HtmlRole.Removed))
            {
                scope.Token(t, spanAt(t.Offset)); // tracks (and reports) removed elements inside the pre
            }
        }

        // HTML drops one newline straight after <pre> (HTML §13.2.6.4.7).
        var code = sb.ToString();
        code = code.StartsWith('\n') ? code[1..] : code;
        if (code.Trim().Length > 0)
        {
            blocks.Add(new Model.CodeBlock(code.TrimEnd() + "\n", null, span));
        }

        return i;
    }

    /// <summary>The block's lines joined by newlines, and where each line starts in the file (0-based line and column).</summary>
    private static (string Text, List<(int Offset, int Line, int Column)> Lines) HtmlBlockText(M.HtmlBlock html)
    {
        var sb = new StringBuilder();
        var lines = new List<(int, int, int)>();
        for (var i = 0; i < html.Lines.Count; i++)
        {
            var line = html.Lines.Lines[i];
            lines.Add((sb.Length, line.Line, line.Column));
            sb.Append(line.Slice.ToString()).Append('\n');
        }

        if (lines.Count == 0)
        {
            lines.Add((0, html.Line, html.Column));
        }

        return (sb.ToString(), lines);
    }


    /// <summary>Claims the id of an <c>&lt;a id="x"&gt;</c> (or <c>name</c>) as an anchor at this point.</summary>
    private AnchorInline? HtmlAnchorAt(string id, SourceSpan span)
    {
        if (_book.Ids.ClaimExplicit(id, span, Diagnostics) is not { } claimed)
        {
            return null;
        }

        _pendingAnchors.Add(claimed);
        return new AnchorInline(claimed);
    }

    /// <summary>
    /// The inline HTML of one container: a stack of open elements over the container's sink. Each kept element
    /// collects its content in a sink of its own and becomes one model node when it closes; an element that keeps
    /// only its text shares its parent's sink.
    /// </summary>
    private sealed class HtmlScope(ModelBuilder owner, InlineSink root)
    {
        private readonly List<Frame> _frames = [];
        private string? _suppressed;
        private int _suppressedDepth;
        private bool _warnedDeep;
        private int _ownDepth; // open elements that make a model node

        /// <summary>Where content goes now: the innermost open element's sink, or the container's.</summary>
        public InlineSink Sink => _frames.Count == 0 ? root : _frames[^1].Sink;

        /// <summary>True inside a removed element (a script's text, an iframe's fallback): content is dropped.</summary>
        public bool Suppressing => _suppressed is not null;

        /// <summary>
        /// Text of an HTML block, already decoded, that begins at <paramref name="at"/> (so that an undefined note
        /// citation in it is reported at its line; columns past a collapsed line break are approximate).
        /// </summary>
        public void Text(string text, SourceSpan at)
        {
            if (!Suppressing)
            {
                Sink.AppendText(text, at);
            }
        }

        /// <summary>Handles Markdig's inline tag <paramref name="raw"/> (one tag, a comment, or a declaration).</summary>
        public void Tag(string raw, SourceSpan span)
        {
            foreach (var token in HtmlTokenizer.Tokenize(raw))
            {
                Token(token, span);
            }
        }

        /// <summary>Handles one token found at <paramref name="span"/>.</summary>
        public void Token(HtmlToken t, SourceSpan span)
        {
            switch (t.Kind)
            {
                case HtmlTokenKind.Ignorable:
                    return;
                case HtmlTokenKind.Text:
                    Text(t.Text, span);
                    return;
                case HtmlTokenKind.EndTag:
                    End(t.Name);
                    return;
            }

            if (Suppressing)
            {
                if (t.Name == _suppressed && !t.SelfClosing)
                {
                    _suppressedDepth++;
                }

                return;
            }

            var role = HtmlPolicy.RoleOf(t.Name);
            if (role == HtmlRole.Removed)
            {
                owner.Diagnostics.Warning(DiagnosticCodes.RemovedHtmlElement,
                    $"raw HTML: the <{t.Name}> element is removed with its content; a book runs no scripts, styles or embedded content", span);
                if (!t.SelfClosing && !HtmlPolicy.IsVoid(t.Name))
                {
                    _suppressed = t.Name;
                    _suppressedDepth = 1;
                }

                return;
            }

            WarnEventHandlers(t, span);
            var opens = !t.SelfClosing && !HtmlPolicy.IsVoid(t.Name);
            switch (role)
            {
                case HtmlRole.LineBreak:
                    Sink.Add(new Model.LineBreakInline());
                    break;
                case HtmlRole.Image:
                    owner.Image(t.Attribute("src"), span);
                    if (t.Attribute("alt") is { Length: > 0 } alt)
                    {
                        Sink.AppendText(alt, span);
                    }

                    break;
                case HtmlRole.Emphasis or HtmlRole.Strong or HtmlRole.Code or HtmlRole.Strike or HtmlRole.Subscript or HtmlRole.Superscript when opens:
                    Push(t.Name, role, own: true, null, span);
                    break;
                case HtmlRole.Span when opens:
                    if (HtmlPolicy.IsSmallCaps(t.Attribute("class")))
                    {
                        Push(t.Name, role, own: true, null, span);
                    }
                    else
                    {
                        // A span without a meaning the model has only groups text: nothing is lost, nothing to say.
                        Push(t.Name, HtmlRole.Unsupported, own: false, null, span);
                    }

                    break;
                case HtmlRole.Link:
                    Link(t, span, opens);
                    break;
                case HtmlRole.Emphasis or HtmlRole.Strong or HtmlRole.Code or HtmlRole.Span or HtmlRole.Strike or HtmlRole.Subscript or HtmlRole.Superscript:
                    break; // <em/>: empty
                default:
                    // Unsupported, and block-level tags met inside a paragraph: the tag goes, the text stays.
                    owner.Diagnostics.Warning(DiagnosticCodes.RawHtmlInline,
                        $"raw HTML: '<{t.Name}>' has no equivalent in the book; the tag is dropped and its text kept", span);
                    if (opens)
                    {
                        Push(t.Name, HtmlRole.Unsupported, own: false, null, span);
                    }

                    break;
            }
        }

        /// <summary>Reports each event-handler attribute (<c>onclick</c>, <c>onerror</c>...) as removed.</summary>
        public void WarnEventHandlers(HtmlToken t, SourceSpan span)
        {
            foreach (var a in t.Attributes.Where(a => HtmlPolicy.IsEventHandler(a.Name)))
            {
                owner.Diagnostics.Warning(DiagnosticCodes.RemovedEventHandler,
                    $"raw HTML: the event-handler attribute '{a.Name}' on <{t.Name}> is removed; a book runs no scripts", span);
            }
        }

        /// <summary>Closes every open element and returns the container's inlines, trimmed.</summary>
        public System.Collections.Immutable.ImmutableArray<Model.Inline> Finish()
        {
            CloseAll();
            return root.Finish(trim: true);
        }

        /// <summary>Closes every element still open, as the container ends (an unclosed tag ends with it).</summary>
        public void CloseAll()
        {
            while (_frames.Count > 0)
            {
                Pop();
            }

            _suppressed = null;
        }

        private void Link(HtmlToken t, SourceSpan span, bool opens)
        {
            if ((t.Attribute("id") ?? t.Attribute("name")) is { Length: > 0 } id && owner.HtmlAnchorAt(id, span) is { } anchor)
            {
                Sink.Add(anchor);
            }

            var href = t.Attribute("href")?.Trim();
            if (!opens)
            {
                return;
            }

            if (string.IsNullOrEmpty(href))
            {
                Push(t.Name, HtmlRole.Unsupported, own: false, null, span);
            }
            else if (HtmlPolicy.IsUnsafeUrl(href))
            {
                owner.WarnUnsafeUrl(href, span);
                Push(t.Name, HtmlRole.Unsupported, own: false, null, span);
            }
            else
            {
                Push(t.Name, HtmlRole.Link, own: true, href, span);
            }
        }

        private void End(string name)
        {
            if (Suppressing)
            {
                if (name == _suppressed && --_suppressedDepth == 0)
                {
                    _suppressed = null;
                }

                return;
            }

            // The nearest open element of that name closes, and every element opened inside it with it; an end tag
            // that matches nothing open is ignored.
            var index = _frames.FindLastIndex(f => f.Name == name);
            if (index < 0)
            {
                return;
            }

            while (_frames.Count > index)
            {
                Pop();
            }
        }

        private void Push(string name, HtmlRole role, bool own, string? url, SourceSpan span)
        {
            // Elements nested deeper than Markdown may nest (NestingGuardParser.Limit) keep only their text: each level is a
            // model node, and every stage after this one walks nodes recursively (14,000 nested <em> overflowed the
            // typesetter's stack). Said once per container.
            if (own && _ownDepth >= Extensions.Nesting.NestingGuardParser.Limit)
            {
                if (!_warnedDeep)
                {
                    _warnedDeep = true;
                    owner.Diagnostics.Warning(DiagnosticCodes.RawHtmlInline,
                        FormattableString.Invariant($"raw HTML: elements nested more than {Extensions.Nesting.NestingGuardParser.Limit} deep keep only their text"), span);
                }

                (role, own, url) = (HtmlRole.Unsupported, false, null);
            }

            _ownDepth += own ? 1 : 0;
            _frames.Add(new Frame(name, role, own ? new InlineSink(owner) : Sink, url, span, own));
        }

        private void Pop()
        {
            var frame = _frames[^1];
            _frames.RemoveAt(_frames.Count - 1);
            _ownDepth -= frame.Own ? 1 : 0;
            if (ReferenceEquals(frame.Sink, Sink))
            {
                return; // shared the parent's sink: its text is already there
            }

            var children = frame.Sink.Finish(trim: false);
            if (frame.Role == HtmlRole.Code)
            {
                foreach (var run in CodeRuns(children))
                {
                    Sink.Add(run);
                }

                return;
            }

            Model.Inline? node = frame.Role switch
            {
                HtmlRole.Link => owner.LinkTo(frame.Url!, children, frame.Span),
                _ when children.IsEmpty => null,
                HtmlRole.Emphasis => new Model.EmphasisInline(children),
                HtmlRole.Strong => new StrongInline(children),
                HtmlRole.Span => new SmallCapsInline(children),
                HtmlRole.Strike => new StrikeInline(children),
                HtmlRole.Subscript => new SubscriptInline(children),
                HtmlRole.Superscript => new SuperscriptInline(children),
                _ => null,
            };
            if (node is not null)
            {
                Sink.Add(node);
            }
        }

        /// <summary>
        /// The content of <c>&lt;code&gt;</c> as code: its text in code runs, but a note citation, an anchor or a page
        /// reference inside it kept as itself. Flattened to text, a cited note lost its only citation and was never
        /// printed (found by the fuzzer).
        /// </summary>
        private static List<Model.Inline> CodeRuns(ImmutableArray<Model.Inline> children)
        {
            var runs = new List<Model.Inline>();
            var text = new StringBuilder();
            void Walk(ImmutableArray<Model.Inline> inlines)
            {
                foreach (var inline in inlines)
                {
                    switch (inline)
                    {
                        case NoteRefInline or AnchorInline or CrossRefInline { IsPageReference: true }:
                            if (text.Length > 0)
                            {
                                runs.Add(new Model.CodeInline(text.ToString()));
                                text.Clear();
                            }

                            runs.Add(inline);
                            break;
                        case Model.ContainerInline container:
                            Walk(container.Children);
                            break;
                        default:
                            text.Append(Model.Inline.ToPlainText([inline]));
                            break;
                    }
                }
            }

            Walk(children);
            if (text.Length > 0)
            {
                runs.Add(new Model.CodeInline(text.ToString()));
            }

            return runs;
        }

        private sealed record Frame(string Name, HtmlRole Role, InlineSink Sink, string? Url, SourceSpan Span, bool Own);
    }
}
