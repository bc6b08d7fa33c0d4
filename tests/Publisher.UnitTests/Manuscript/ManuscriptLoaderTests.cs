using Publisher.Manuscript;
using Publisher.Model;
using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

public sealed class ManuscriptLoaderTests
{
    [Fact]
    public void A_one_line_book_yml_takes_every_md_file_in_name_order_as_numbered_body_chapters()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: My Book\n",
            ["02-second.md"] = "# The Second\n\nText two.\n",
            ["01-first.md"] = "# The First\n\nText one.\n",
            ["notes.txt"] = "not a chapter",
        });

        Assert.Equal("My Book", book.Metadata.Title);
        Assert.Equal("en", book.Metadata.Language);
        Assert.Equal(["the-first", "the-second"], book.Divisions.Select(d => d.Id));
        Assert.Equal(["The First", "The Second"], book.Divisions.Select(d => d.PlainTitle));
        Assert.Equal([1, 2], book.Divisions.Select(d => d.Number));
        Assert.All(book.Divisions, d => Assert.Equal((DivisionKind.Chapter, Matter.Body), (d.Kind, d.Matter)));
        Assert.Equal("book/01-first.md", book.Divisions[0].Source!.File);
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(book.Divisions[0].Blocks));
        Assert.Equal(new SourceSpan("book/01-first.md", 3, 1), paragraph.Source);
        Assert.Equal(DateTimeOffset.UnixEpoch, book.Metadata.Modified);
    }

    [Fact]
    public void A_full_book_yml_sets_metadata_matter_kinds_generated_pages_and_numbering()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = """
                title: The Title
                subtitle: The Subtitle
                authors: [Jane Author, John Author]
                editors: [An Editor]
                language: en-GB
                identifier: urn:isbn:9780000000000
                publisher: A Small Press
                date: 2026-11-25
                rights: © 2026 Someone
                description: One paragraph.
                subjects: [History, War]
                source: The original.
                edition: Edited by An Editor
                chapters:
                  front:
                    - half-title
                    - title-page
                    - file: copyright.md
                      kind: copyright
                    - contents
                    - preface.md
                  body:
                    - one.md
                    - interlude.md
                    - two.md
                  back:
                    - appendix.md
                """,
            ["copyright.md"] = "Copyright text.\n",
            ["preface.md"] = "# Preface\n\nWhy.\n",
            ["one.md"] = "# One\n",
            ["interlude.md"] = "# Interlude {.unnumbered}\n",
            ["two.md"] = "# Two {#second}\n",
            ["appendix.md"] = "# Appendix\n",
            ["unlisted.md"] = "# Not in the book\n",
        });

        var m = book.Metadata;
        Assert.Equal(("The Title", "The Subtitle"), (m.Title, m.Subtitle));
        Assert.Equal(["Jane Author", "John Author"], m.Authors.ToArray());
        Assert.Equal(["An Editor"], m.Editors.ToArray());
        Assert.Equal(("en-GB", "urn:isbn:9780000000000", "A Small Press"), (m.Language, m.Identifier, m.Publisher));
        Assert.Equal(new DateOnly(2026, 11, 25), m.Date);
        Assert.Equal(("© 2026 Someone", "One paragraph.", "The original.", "Edited by An Editor"), (m.Rights, m.Description, m.Source, m.EditionStatement));
        Assert.Equal(["History", "War"], m.Subjects.ToArray());
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), m.Modified);

        Assert.Equal(
            [
                ("half-title", DivisionKind.HalfTitle, Matter.Front, (int?)null),
                ("title-page", DivisionKind.TitlePage, Matter.Front, null),
                ("copyright", DivisionKind.Copyright, Matter.Front, null),
                ("contents", DivisionKind.Contents, Matter.Front, null),
                ("preface", DivisionKind.Chapter, Matter.Front, null),
                ("one", DivisionKind.Chapter, Matter.Body, 1),
                ("interlude", DivisionKind.Chapter, Matter.Body, null),
                ("second", DivisionKind.Chapter, Matter.Body, 2),
                ("appendix", DivisionKind.Chapter, Matter.Back, null),
            ],
            book.Divisions.Select(d => (d.Id, d.Kind, d.Matter, d.Number)));
        Assert.All(book.Divisions.Where(d => d.Kind is DivisionKind.HalfTitle or DivisionKind.TitlePage or DivisionKind.Contents), d =>
        {
            Assert.Empty(d.Blocks);
            Assert.Null(d.Source);
        });
        Assert.Equal("Contents", book.FindTarget("contents")!.Label);
        Assert.Equal("Two", book.FindTarget("second")!.Label);
    }

    [Fact]
    public void A_plain_chapter_list_is_all_body()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters:\n  - b.md\n  - a.md\n",
            ["a.md"] = "# A\n",
            ["b.md"] = "# B\n",
        });

        Assert.Equal([("b", 1), ("a", 2)], book.Divisions.Select(d => (d.Id, d.Number ?? 0)));
        Assert.All(book.Divisions, d => Assert.Equal(Matter.Body, d.Matter));
    }

    [Fact]
    public void The_identifier_defaults_to_a_uuid_derived_from_title_and_authors()
    {
        string Id(string yml) => LoadClean(new Dictionary<string, string> { ["book.yml"] = yml, ["a.md"] = "# A\n" }).Metadata.Identifier;

        var first = Id("title: A Book\nauthor: Jane\n");
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first);
        Assert.Equal(first, Id("title: A Book\nauthors: [Jane]\nsubtitle: Other things do not count\n"));
        Assert.NotEqual(first, Id("title: A Book\nauthor: John\n"));
        Assert.NotEqual(first, Id("title: Another Book\nauthor: Jane\n"));
        Assert.Equal("urn:uuid:given", Id("title: A Book\nidentifier: urn:uuid:given\n"));
    }

    [Fact]
    public void The_timestamp_is_source_date_epoch_then_modified_then_date_then_the_epoch()
    {
        var epoch = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        DateTimeOffset Modified(string yml, DateTimeOffset? sde = null) =>
            LoadClean(new Dictionary<string, string> { ["book.yml"] = yml, ["a.md"] = "# A\n" }, new LoadOptions { SourceDateEpoch = sde }).Metadata.Modified;

        const string Both = "title: T\ndate: 2026-11-25\nmodified: 2027-05-06T07:08:09Z\n";
        Assert.Equal(epoch, Modified(Both, epoch));
        Assert.Equal(new DateTimeOffset(2027, 5, 6, 7, 8, 9, TimeSpan.Zero), Modified(Both));
        Assert.Equal(new DateTimeOffset(2027, 5, 6, 5, 8, 9, TimeSpan.Zero), Modified("title: T\nmodified: 2027-05-06T07:08:09+02:00\n"));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), Modified("title: T\ndate: 2026-11-25\n"));
        Assert.Equal(DateTimeOffset.UnixEpoch, Modified("title: T\n"));
    }

    [Fact]
    public void A_missing_folder_or_book_yml_is_an_error_naming_the_folder()
    {
        var noBookYml = Load(new Dictionary<string, string> { ["a.md"] = "# A\n" });
        Assert.Null(noBookYml.Value);
        Assert.Equal(["publisher: error PUB1001: the manuscript folder 'book' has no book.yml"], noBookYml.Lines());

        var noFolder = ManuscriptLoader.Load(MemoryBookSource.FromText(new Dictionary<string, string>()), "nowhere", new LoadOptions());
        Assert.Equal(["publisher: error PUB1001: the manuscript folder 'nowhere' does not exist"], noFolder.Lines());
    }

    [Fact]
    public void A_listed_chapter_file_that_does_not_exist_is_reported_at_its_entry()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters:\n  front:\n    - half-title\n  body:\n    - one.md\n    - missing.md\n    - file: gone.md\n      kind: copyright\n    - one.md\n",
            ["one.md"] = "# One\n",
        });

        Assert.Equal(
            [
                "book/book.yml:7:7: error PUB1014: chapter file 'missing.md' does not exist",
                "book/book.yml:8:13: error PUB1014: chapter file 'gone.md' does not exist",
                "book/book.yml:10:7: error PUB1015: chapter file 'one.md' is listed twice",
            ],
            result.Lines());
        Assert.Equal(["half-title", "one"], result.Value!.Divisions.Select(d => d.Id));
        Assert.Equal("it is first listed at book/book.yml:6:7", result.Diagnostics[2].Hints.Single());
    }

    [Fact]
    public void A_misspelt_chapter_file_gets_the_nearest_file_there_as_a_hint()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters: [01-one.md, 02-midle.md]\n",
            ["01-one.md"] = "# One\n",
            ["02-middle.md"] = "# Middle\n",
        });

        var missing = result.Diagnostics.Single(d => d.Code == "PUB1014");
        Assert.Equal("did you mean '02-middle.md'?", Assert.Single(missing.Hints));
    }

    [Fact]
    public void A_folder_without_markdown_files_is_an_error()
    {
        var result = Load(new Dictionary<string, string> { ["book.yml"] = "title: T\n" });
        Assert.Equal(["publisher: error PUB1016: the manuscript folder 'book' has no .md files"], result.Lines());
    }

    [Fact]
    public void An_unreadable_chapter_is_an_error_with_its_path()
    {
        var source = new ThrowingSource(MemoryBookSource.FromText(new Dictionary<string, string>
        {
            ["book/book.yml"] = "title: T\n",
            ["book/a.md"] = "# A\n",
            ["book/b.md"] = "# B\n",
        }), "book/b.md");

        var result = ManuscriptLoader.Load(source, "book", new LoadOptions());

        Assert.Equal(["book/b.md: error PUB1002: cannot read the file: disk on fire"], result.Lines());
        Assert.Equal(["a"], result.Value!.Divisions.Select(d => d.Id));
    }

    private sealed class ThrowingSource(IBookSource inner, string broken) : IBookSource
    {
        public bool FileExists(string path) => inner.FileExists(path);

        public bool DirectoryExists(string path) => inner.DirectoryExists(path);

        public byte[] ReadAllBytes(string path) => path == broken ? throw new IOException("disk on fire") : inner.ReadAllBytes(path);

        public IReadOnlyList<string> ListFiles(string directory, string searchPattern) => inner.ListFiles(directory, searchPattern);

        public IReadOnlyList<string> ListDirectories(string directory) => inner.ListDirectories(directory);

        public string Combine(string directory, string relative) => inner.Combine(directory, relative);

        public string GetDirectory(string path) => inner.GetDirectory(path);

        public string Display(string path) => inner.Display(path);
    }
}
