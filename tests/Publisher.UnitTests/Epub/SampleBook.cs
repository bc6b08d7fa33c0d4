using System.Collections.Immutable;
using Publisher.Model;
using Publisher.Styles;

namespace Publisher.UnitTests.Epub;

/// <summary>A small but rich book built by hand, and a style pointing at the shipped Charis SIL fonts.</summary>
internal static class SampleBook
{
    public const string Hostile = "Fish & chips <b>not bold</b> \"quoted\" 'single' ]]> &amp;";

    public static readonly DateTimeOffset Modified = new(2026, 11, 25, 12, 30, 15, TimeSpan.FromHours(2));

    public static BookMetadata Metadata => new()
    {
        Title = "The Lighthouse & the <Sea>",
        Subtitle = "A \"Sample\" Book",
        Authors = ["Jane Author", "John Writer"],
        Editors = ["An Editor"],
        Language = "en-GB",
        Identifier = "urn:uuid:5b0c8a4e-6c1f-4b8e-9a51-2f0f5c0d9e11",
        Publisher = "Small & Press",
        Date = new DateOnly(2026, 11, 25),
        Modified = Modified,
        Rights = "© 2026 Jane Author",
        Description = "A book about <lighthouses> & their keepers.",
        Subjects = ["Lighthouses", "Fiction"],
        Source = "The 1910 first edition",
    };

    public static BookDocument Create() => Create(Metadata);

    public static BookDocument Create(BookMetadata metadata)
    {
        var divisions = ImmutableArray.Create(
            new Division { Id = "half-title", Kind = DivisionKind.HalfTitle, Matter = Matter.Front },
            new Division { Id = "title-page", Kind = DivisionKind.TitlePage, Matter = Matter.Front },
            new Division
            {
                Id = "copyright",
                Kind = DivisionKind.Copyright,
                Matter = Matter.Front,
                Blocks = [P("© 2026 Jane Author. All rights reserved."), P("Set in Charis SIL.")],
                Source = new SourceSpan("copyright.md"),
            },
            new Division { Id = "contents", Kind = DivisionKind.Contents, Matter = Matter.Front },
            new Division
            {
                Id = "preface",
                Kind = DivisionKind.Chapter,
                Matter = Matter.Front,
                Title = [T("Preface")],
                Blocks = [P("This preface explains nothing at all.")],
                Source = new SourceSpan("preface.md"),
            },
            Chapter1(),
            Chapter2(),
            new Division
            {
                Id = "appendix-a",
                Kind = DivisionKind.Chapter,
                Matter = Matter.Back,
                Title = [T("Appendix A: Sources")],
                Blocks = [P("The sources are listed here.")],
                Source = new SourceSpan("appendix.md"),
            });

        var targets = new Dictionary<string, AnchorTarget>
        {
            ["preface"] = new("preface", "preface", "Preface"),
            ["the-beginning"] = new("the-beginning", "the-beginning", "The Beginning"),
            ["the-lamp"] = new("the-lamp", "the-beginning", "The Lamp"),
            ["the-keeper"] = new("the-keeper", "the-beginning", "The Keeper"),
            ["storm-table"] = new("storm-table", "the-beginning", "Storms by year"),
            ["the-storm"] = new("the-storm", "the-storm", "The Storm"),
            ["landfall"] = new("landfall", "the-storm", "The Storm"),
            ["appendix-a"] = new("appendix-a", "appendix-a", "Appendix A: Sources"),
        };

        return new BookDocument(metadata, divisions) { Targets = targets.ToImmutableDictionary() };
    }

    private static Division Chapter1() => new()
    {
        Id = "the-beginning",
        Kind = DivisionKind.Chapter,
        Matter = Matter.Body,
        Number = 1,
        Title = [T("The Beginning")],
        Source = new SourceSpan("01-beginning.md", 1, 1),
        Blocks =
        [
            P(T("The light turned every night"), new NoteRefInline("n1", 1), T(" and the keeper watched it.")),
            P(T("A second paragraph with "), new EmphasisInline([T("emphasis")]), T(", "), new StrongInline([T("strength")]),
                T(", "), new CodeInline("code()"), T(", "), new SmallCapsInline([T("small caps")]), T(" and a "),
                new LinkInline("https://example.com/a path?x=1&y=2", [T("link")]), T(".")),
            new HeadingBlock(2, [T("The Lamp")], "the-lamp", null),
            P(T("Oil, wick and glass"), new NoteRefInline("n2", 2), T("."), new LineBreakInline(), T("After the break.")),
            new QuoteBlock([P("Keep the light burning, whatever the weather.")], null),
            new ListBlock(true, 3, [new ListItem([P("Trim the wick.")]), new ListItem([P("Polish the lens.")])], true, null),
            new ListBlock(false, 1, [new ListItem([P("Oil"), P("Spare oil")]), new ListItem([P("Matches")])], false, null),
            new HeadingBlock(2, [T("The Keeper")], "the-keeper", null),
            new HeadingBlock(3, [T("His Habits")], "his-habits", null),
            P("He slept by day."),
            new TableBlock(
                Header: [new TableRow([[T("Year")], [T("Storms")], [T("Notes")]])],
                Body:
                [
                    new TableRow([[T("1901")], [T("3")], [T("calm & quiet")]]),
                    new TableRow([[T("1902")], [T("12")], [T("the <great> gale")]]),
                ],
                Alignments: [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Default],
                ColumnWidths: [0.2, 0.2, 0.6],
                Caption: [T("Storms by year")],
                Id: "storm-table",
                Source: null),
            new SceneBreakBlock(null),
            P(T("After the scene break, he "), new CrossRefInline("the-storm", [T("went out")]), T(" again"), new NoteRefInline("n1", 1), T(".")),
            new CodeBlock("log(\"lamp lit\") < 1 && x > 2\n  indented\n", "c#", null),
        ],
        Footnotes =
        [
            new Footnote("n1", 1, [P("The first note, with a "), P("second paragraph.")], null),
            new Footnote("n2", 2, [P(T("Whale oil, mostly; see "), new CrossRefInline("the-storm", []), T("."))], null),
        ],
    };

    private static Division Chapter2() => new()
    {
        Id = "the-storm",
        Kind = DivisionKind.Chapter,
        Matter = Matter.Body,
        Number = 2,
        Title = [T("The Storm")],
        Source = new SourceSpan("02-storm.md", 1, 1),
        Blocks =
        [
            P(T(Hostile)),
            P(T("The ship made landfall"), new AnchorInline("landfall"), T(" at dawn"), new NoteRefInline("s1", 1), T(".")),
            new HeadingBlock(2, [T("Aftermath")], "aftermath", null),
            P(T("As told in "), new CrossRefInline("the-keeper", [T("the keeper's section")]), T(" and on "),
                new CrossRefInline("the-lamp", []), T("; see also "), new CrossRefInline("landfall", []), T(" and "),
                new CrossRefInline("appendix-a", []), T(".")),
        ],
        Footnotes = [new Footnote("s1", 1, [P("Landfall note.")], null)],
    };

    public static TextInline T(string text) => new(text);

    public static ParagraphBlock P(string text) => new([new TextInline(text)], null);

    public static ParagraphBlock P(params Inline[] inlines) => new([.. inlines], null);

    /// <summary>A style like the shipped trade style, with the real Charis SIL files.</summary>
    public static StyleSheet Style(double bodySize = 10.5)
    {
        var fonts = Path.Combine(RepoRoot(), "styles", "trade", "fonts");
        StyleFile Font(string name) => new(Path.Combine(fonts, name), File.ReadAllBytes(Path.Combine(fonts, name)));
        var family = new FontFamily("Charis SIL", Font("CharisSIL-Regular.ttf"), Font("CharisSIL-Italic.ttf"), Font("CharisSIL-Bold.ttf"), Font("CharisSIL-BoldItalic.ttf"));
        return new StyleSheet
        {
            Name = "trade",
            Page = new PageStyle(Length.In(6), Length.In(9), Length.In(0.875), Length.In(0.625), Length.In(0.75), Length.In(0.875)),
            BodyFont = family,
            DisplayFont = family,
            Body = new TextStyle(Length.Pt(bodySize), Length.Pt(14), Length.Pt(bodySize * 1.25), Length.Zero, TextAlign.Justify, true),
            Headings =
            [
                new HeadingStyle(Length.Pt(11), Length.Pt(14), Length.Pt(14), Length.Pt(7), false, false, true, TextAlign.Center),
                new HeadingStyle(Length.Pt(10.5), Length.Pt(14), Length.Pt(14), Length.Zero, false, true, false, TextAlign.Left),
            ],
            Chapter = new ChapterStyle(Length.In(1.5), "Chapter {n}", Length.Pt(10.5), Length.Pt(19), Length.Pt(23), Length.In(0.5), TextAlign.Center, true),
            Quote = new BlockStyle(Length.Pt(9.75), Length.Pt(13), Length.Pt(bodySize * 1.5), Length.Pt(bodySize * 1.5), Length.Pt(7), Length.Pt(7), false),
            Footnote = new BlockStyle(Length.Pt(8.5), Length.Pt(11), Length.Zero, Length.Zero, Length.Pt(14), Length.Zero, false),
            Table = new BlockStyle(Length.Pt(8.75), Length.Pt(11), Length.Zero, Length.Zero, Length.Pt(10), Length.Pt(10), false),
            ListIndent = Length.Pt(bodySize * 1.5),
            RunningHeads = new RunningHeadStyle(true, Length.Pt(8.5), Length.In(0.45), Length.In(0.5), true),
            TextColor = Colour.Parse("#1a1a1a"),
            AccentColor = Colour.Parse("#333333"),
        };
    }

    /// <summary>The folder holding Publisher.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Publisher.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Publisher.sln above {AppContext.BaseDirectory}.");
    }
}
