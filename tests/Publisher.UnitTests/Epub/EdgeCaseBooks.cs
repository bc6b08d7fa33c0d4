using Publisher.Model;
using static Publisher.UnitTests.Epub.SampleBook;

namespace Publisher.UnitTests.Epub;

/// <summary>Books that try to break the writer: odd ids, dangling references, control characters, default arrays.</summary>
internal static class EdgeCaseBooks
{
    /// <summary>Ids that are not XML names, duplicates, links that go nowhere, nesting HTML forbids.</summary>
    public static BookDocument Awkward()
    {
        var chapter = new Division
        {
            Id = "01 Intro/Ä",
            Kind = DivisionKind.Chapter,
            Matter = Matter.Body,
            Number = 1,
            Title = [T("Intro "), new AnchorInline("1st anchor")],
            Blocks =
            [
                new HeadingBlock(1, [T("Level one inside")], "2 heading", null),
                new HeadingBlock(7, [T("Level seven")], "dup", null),
                new HeadingBlock(2, [T("Duplicate id")], "dup", null),
                P(T("Bell\u0007 and form feed\u000C and a lone \uD800 surrogate, an emoji 🎉 kept.")),
                P(T("Missing target: "), new CrossRefInline("nowhere", []), T(", relative link "), new LinkInline("other.md", [T("other")]),
                    T(", script "), new LinkInline("javascript:alert(1)", [T("js")]), T(", internal "), new LinkInline("#dup", [T("hash link")])),
                P(new LinkInline("https://example.com", [T("outer "), new CrossRefInline("dup", [T("inner")]), new NoteRefInline("x", 1)])),
                P(T("Unknown note"), new NoteRefInline("missing", 9)),
                P(T("Cited "), new NoteRefInline("x", 1)),
                new ParagraphBlock(default, null),
                new ListBlock(false, 1, [], true, null),
                new ListBlock(true, 0, [new ListItem(default)], true, null),
                new TableBlock([], [], [], [], [], null, null),
                new TableBlock([new TableRow([[T("only header")]])], default, default, default, default, "1 table", null),
                new CodeBlock("", "c++ x", null),
                new QuoteBlock(default, null),
            ],
            Footnotes = [new Footnote("x", 1, [P(T("A note with "), new AnchorInline("note anchor"))], null), new Footnote("uncited", 2, default, null)],
        };
        var second = new Division
        {
            Id = "01-intro-ä",
            Kind = DivisionKind.Chapter,
            Matter = Matter.Back,
            Title = [T("Same file stem")],
            Blocks = [P(T("Back to "), new CrossRefInline("1st anchor", []), T(" and "), new CrossRefInline("note anchor", [T("the note")]))],
        };
        var metadata = Metadata with { Language = "not a language!", Subjects = ["", "  "], Subtitle = " " };
        return new BookDocument(metadata,
        [
            new Division { Id = "contents", Kind = DivisionKind.Contents, Matter = Matter.Front },
            chapter,
            second,
            new Division { Id = "contents-2", Kind = DivisionKind.Contents, Matter = Matter.Front },
        ]);
    }

    /// <summary>Chapters only: the nav document stays out of the spine.</summary>
    public static BookDocument NoContentsPage() => new(
        Metadata,
        [
            new Division { Id = "one", Kind = DivisionKind.Chapter, Matter = Matter.Body, Number = 1, Title = [T("One")], Blocks = [P("First.")] },
            new Division { Id = "two", Kind = DivisionKind.Chapter, Matter = Matter.Body, Number = 2, Title = [T("Two")], Blocks = [P("Second.")] },
        ]);

    /// <summary>Only required metadata and one untitled chapter, so nothing is "in contents".</summary>
    public static BookDocument Minimal() => new(
        new BookMetadata { Title = "Minimal", Identifier = "urn:uuid:00000000-0000-4000-8000-000000000001" },
        [new Division { Id = "text", Kind = DivisionKind.Chapter, Matter = Matter.Body, Blocks = [P("Just text.")] }]);
}
