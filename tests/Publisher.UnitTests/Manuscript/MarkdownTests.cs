using System.Collections.Immutable;
using Publisher.Manuscript;
using Publisher.Model;
using static Publisher.UnitTests.Manuscript.ManuscriptHelper;

namespace Publisher.UnitTests.Manuscript;

public sealed class MarkdownTests
{
    private static ImmutableArray<Inline> FirstParagraph(Division division) =>
        division.Blocks.OfType<ParagraphBlock>().First().Inlines;

    [Fact]
    public void The_first_level_one_heading_is_the_title_and_later_ones_become_sections_with_a_warning()
    {
        var result = LoadChapter("Intro text.\n\n# The *Title*\n\nBody.\n\n# Another\n");
        var division = result.Value!.Divisions.Single();

        Assert.Equal(["book/ch.md:7:1: warning PUB1017: a file has one title (its first level-1 heading); this one is set as a level-2 heading"], result.Lines());
        Assert.Equal("the-title", division.Id);
        Assert.Equal("\"The \" em(\"Title\")", division.Title.Dump());
        Assert.Collection(
            division.Blocks,
            b => Assert.IsType<ParagraphBlock>(b),
            b => Assert.IsType<ParagraphBlock>(b),
            b => Assert.Equal((2, "another"), (((HeadingBlock)b).Level, ((HeadingBlock)b).Id)));
    }

    /// <summary>
    /// A body chapter without a title used to build silently, printing a bare "Chapter 1" and missing from the
    /// contents and the EPUB's navigation. It is reported, and listed by its number.
    /// </summary>
    [Fact]
    public void A_body_chapter_without_a_title_is_reported_and_listed_by_its_number_with_an_id_from_the_file_name()
    {
        var result = Load(new Dictionary<string, string> { ["book.yml"] = "title: T\n", ["07-the-end.md"] = "\nJust text.\n" });
        var division = result.Value!.Divisions.Single();

        Assert.Equal(
            ["book/07-the-end.md:1:1: warning PUB1040: the chapter has no title, so the contents and the e-book's navigation list it by its number alone"],
            result.Lines());
        Assert.Equal(["start the file with its title: # The Title"], result.Diagnostics[0].Hints.ToArray());
        Assert.Equal("the-end", division.Id);
        Assert.True(division.Title.IsEmpty);
        Assert.Equal(1, division.Number);
        Assert.True(division.InContents);
    }

    [Fact]
    public void A_chapter_that_opens_with_a_section_heading_is_told_that_a_title_has_one_hash()
    {
        var result = LoadChapter("## The Beginning\n\nText.\n");

        Assert.Equal(["PUB1040"], result.Diagnostics.Select(d => d.Code));
        Assert.Equal(
            ["start the file with its title: # The Title", "its first heading, '## The Beginning', is a section heading; a title has one '#'"],
            result.Diagnostics[0].Hints.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \t\n\n")]
    [InlineData("<!-- to be written -->\n")]
    public void An_empty_chapter_file_is_reported_at_line_1_and_keeps_its_place_and_number(string text)
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters:\n  body: [a.md, b.md, c.md]\n",
            ["a.md"] = "# A\n",
            ["b.md"] = text,
            ["c.md"] = "# C\n",
        });

        Assert.Equal(["book/b.md:1:1: warning PUB1039: the chapter file has no text; it is kept as an empty chapter"], result.Lines());
        Assert.Equal(["write the chapter, starting with its title: # The Title", "or take the file out of the book"], result.Diagnostics[0].Hints.ToArray());
        Assert.Equal([("a", 1, true), ("b", 2, true), ("c", 3, true)], result.Value!.Divisions.Select(d => (d.Id, d.Number ?? 0, d.InContents)));
    }

    /// <summary>
    /// A copyright page, a dedication or a colophon has no heading by nature: no warning, and (as before) not in the
    /// contents. The sample book's copyright page is one.
    /// </summary>
    [Fact]
    public void Front_and_back_matter_and_a_copyright_page_may_have_no_title()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\nchapters:\n  front:\n    - file: rights.md\n      kind: copyright\n    - dedication.md\n    - contents\n  body: [a.md]\n  back: [colophon.md]\n",
            ["rights.md"] = "All rights reserved.\n",
            ["dedication.md"] = "For my mother.\n",
            ["a.md"] = "# A\n\nText.\n",
            ["colophon.md"] = "Set in Charis SIL.\n",
        });

        Assert.Equal(["a"], book.Divisions.Where(d => d.InContents).Select(d => d.Id));
    }

    /// <summary>Watch keeps unchanged files: the warning must come with every build, not only the first.</summary>
    [Fact]
    public void An_untitled_chapter_is_reported_again_when_its_file_comes_from_the_cache()
    {
        var cache = new ManuscriptCache();
        var files = new Dictionary<string, string> { ["book.yml"] = "title: T\n", ["a.md"] = "# A\n", ["b.md"] = "Text.\n", ["c.md"] = "" };
        Load(files, new LoadOptions { Cache = cache });

        var again = Load(files, new LoadOptions { Cache = cache });

        Assert.True(cache.Reused == 3, $"the second load should take every file from the cache, took {cache.Reused}");
        Assert.Equal(["book/b.md:1:1: warning PUB1040", "book/c.md:1:1: warning PUB1039"], again.Lines().Select(l => l[..l.IndexOf(": the", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Heading_attributes_set_id_and_unnumbered_and_a_trailing_anchor_mark_sets_the_id()
    {
        var division = LoadCleanChapter("# Title {#intro .unnumbered}\n\n## Section{#sec}\n\n## Plain Section\n");

        Assert.Equal("intro", division.Id);
        Assert.Null(division.Number);
        Assert.Equal("\"Title\"", division.Title.Dump());
        var headings = division.Blocks.Cast<HeadingBlock>().ToList();
        Assert.Equal(["sec", "plain-section"], headings.Select(h => h.Id));
        Assert.Equal("\"Section\"", headings[0].Inlines.Dump());
    }

    /// <summary>
    /// Found by the fuzzer: Markdig took a heading's attributes from its first '{' and cut the line there, so the
    /// words after an anchor mark inside a heading vanished from both outputs.
    /// </summary>
    [Fact]
    public void An_anchor_mark_inside_a_heading_keeps_the_words_after_it_and_only_trailing_attributes_set_the_id()
    {
        var division = LoadCleanChapter("# A\n\n## The word{#mark} goes on\n\n## Both{#inner} here {#outer}\n");

        var headings = division.Blocks.Cast<HeadingBlock>().ToList();
        Assert.Equal("\"The word\" anchor(#mark) \" goes on\"", headings[0].Inlines.Dump());
        Assert.Equal("the-word-goes-on", headings[0].Id);
        Assert.Equal("\"Both\" anchor(#inner) \" here\"", headings[1].Inlines.Dump());
        Assert.Equal("outer", headings[1].Id);
    }

    /// <summary>
    /// Found by the fuzzer: the space after a note citation set apart from its word was lost ("word ¹more"), and so
    /// was the space after a link or emphasis that ends in a page reference ("p. 3more").
    /// </summary>
    [Fact]
    public void The_space_after_a_note_citation_or_a_page_reference_stays()
    {
        var division = LoadCleanChapter("# A {#top}\n\nword [^1] more, <em>x\\\n[^1] y</em> <a href=\"https://example.com/\">see *[](#top)*</a> z\n\n[^1]: A note.\n");

        var inlines = ((ParagraphBlock)division.Blocks.Single()).Inlines;
        Assert.Equal(" more, ", ((TextInline)inlines[2]).Text);
        Assert.Equal(" y", ((TextInline)((EmphasisInline)inlines[3]).Children[^1]).Text);
        Assert.Equal(" z", ((TextInline)inlines[^1]).Text);
    }

    /// <summary>
    /// Found by the fuzzer: Markdig can leave an unmatched '[' holding the inlines after it (here a list item cuts
    /// the paragraph short after a note citation); they were dropped with it, and the note went uncited.
    /// </summary>
    [Fact]
    public void Text_after_an_unmatched_bracket_is_kept()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["ch.md"] = "# A\n\n- x [sb *akw [^n5] ohcbvsi \\\n  * next](https://example.com/)\n\n[^n5]: Five.\n",
        });

        Assert.Equal(["PUB1038"], result.Diagnostics.Select(d => d.Code)); // the '*' before akw
        var item = ((ListBlock)result.Value!.Divisions[0].Blocks[0]).Items[0];
        var inlines = ((ParagraphBlock)item.Blocks[0]).Inlines;
        Assert.Equal("x [sb *akw  ohcbvsi \\", Inline.ToPlainText(inlines));
        Assert.Single(inlines.OfType<NoteRefInline>());
    }

    [Fact]
    public void Stray_emphasis_markers_warn_but_escaped_spaced_and_intraword_ones_do_not()
    {
        var result = LoadChapter("# A\n\nA *b c.\n\nThe end*\n\n5*3 and _open\n\nFine: 5 * 3, a ** b, snake_case_name, \\*escaped\\*, *em* and __strong__.\n");

        Assert.Equal(
            [
                "book/ch.md:3:3: warning PUB1038: a stray '*' opens or closes no emphasis, so it is printed as written",
                "book/ch.md:5:8: warning PUB1038: a stray '*' opens or closes no emphasis, so it is printed as written",
                "book/ch.md:7:2: warning PUB1038: a stray '*' opens or closes no emphasis, so it is printed as written",
                "book/ch.md:7:9: warning PUB1038: a stray '_' opens or closes no emphasis, so it is printed as written",
            ],
            result.Lines());
        Assert.Equal("pair it to emphasise (*word*), or write \\* to print it", result.Diagnostics[0].Hints.Single());
    }

    [Fact]
    public void Strikethrough_subscript_and_superscript_in_markdown_and_html_become_their_inlines()
    {
        var division = LoadCleanChapter("# A\n\nH~2~O, 5 m^2^, ~~gone~~, <del>old</del>, <s>was</s>, <sub>lo</sub> and <sup>hi</sup>; ~5 km and ~10 km, 2^10.\n");
        var inlines = ((ParagraphBlock)division.Blocks.Single()).Inlines;
        string Text(ContainerInline c) => Inline.ToPlainText(c.Children);

        Assert.Equal(["2", "lo"], inlines.OfType<SubscriptInline>().Select(Text));
        Assert.Equal(["2", "hi"], inlines.OfType<SuperscriptInline>().Select(Text));
        Assert.Equal(["gone", "old", "was"], inlines.OfType<StrikeInline>().Select(Text));
        // Emphasis rules apply: a tilde or caret that opens nothing it closes stays text.
        Assert.EndsWith("; ~5 km and ~10 km, 2^10.", Inline.ToPlainText(inlines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sub_or_superscript_holds_no_space_so_carets_and_tildes_around_words_stay_text()
    {
        var result = LoadChapter("# A\n\nGrowth from 10^6 to 10^9 users; a note [^missing] and then x^2^ here; H~2~O.\n");
        var inlines = ((ParagraphBlock)result.Value!.Divisions[0].Blocks.Single()).Inlines;

        Assert.Equal("Growth from 10^6 to 10^9 users; a note [^missing] and then x^2^ here; HO.", Inline.ToPlainText([.. inlines.Where(i => i is not SubscriptInline)]));
        Assert.Empty(inlines.OfType<SuperscriptInline>());
        Assert.Single(inlines.OfType<SubscriptInline>());
        // The undefined citation is still seen whole, and still reported.
        Assert.Equal(["PUB1021"], result.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void A_stray_double_marker_is_hinted_as_strong_and_escaped_whole()
    {
        var warning = Assert.Single(LoadChapter("# A\n\nThe **end\n").Diagnostics);
        Assert.Equal("PUB1038", warning.Code);
        Assert.Equal("pair it to emphasise (**word**), or write \\*\\* to print it", warning.Hints.Single());
    }

    [Fact]
    public void Generated_ids_are_unique_book_wide_and_never_take_an_id_written_later()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# Notes\n\n## Sources\n\n## Sources\n",
            ["b.md"] = "# B\n\n## Sources\n\nA word{#notes-2} here.\n",
        });

        Assert.Equal(["notes", "b"], book.Divisions.Select(d => d.Id));
        Assert.Equal(["sources", "sources-2"], book.Divisions[0].Blocks.Cast<HeadingBlock>().Select(h => h.Id));
        Assert.Equal("sources-3", book.Divisions[1].Blocks.OfType<HeadingBlock>().Single().Id);
        Assert.Equal("b", book.FindTarget("notes-2")!.DivisionId);
    }

    [Fact]
    public void A_duplicate_explicit_id_is_an_error_at_the_second_use()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A {#same}\n",
            ["b.md"] = "# B\n\nSome text and a mark{#same} here.\n",
        });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("book/b.md:3:21: error PUB1024: the id 'same' is used twice", diagnostic.ToString());
        Assert.Equal(["it is first used at book/a.md:1:5"], diagnostic.Hints.ToArray());
    }

    [Fact]
    public void An_invalid_explicit_id_is_an_error()
    {
        Assert.Equal(["book/ch.md:3:5: error PUB1025: '1st' is not a valid id"], LoadChapter("# T\n\nWord{#1st}.\n").Lines());
    }

    [Fact]
    public void An_anchor_mark_after_a_word_becomes_an_anchor_at_that_point()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# Chapter\n\nBefore.\n\n## The Section\n\nThe treaty{#treaty} was signed, *twice*{#twice} in fact.\n",
        });
        var paragraph = book.Divisions[0].Blocks.OfType<ParagraphBlock>().Last();

        Assert.Equal("\"The treaty\" anchor(#treaty) \" was signed, \" em(\"twice\") anchor(#twice) \" in fact.\"", paragraph.Inlines.Dump());
        Assert.Equal(new AnchorTarget("treaty", "chapter", "The Section"), book.FindTarget("treaty"));
        Assert.Equal(new AnchorTarget("chapter", "chapter", "Chapter"), book.FindTarget("chapter"));
    }

    [Fact]
    public void An_anchor_before_any_section_is_labelled_with_the_division_title_and_html_anchors_work_too()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# Chapter One\n\nHere <a id=\"x\"></a>is an anchor.\n\n{#para} A paragraph id.\n",
        });
        var blocks = book.Divisions[0].Blocks.Cast<ParagraphBlock>().ToList();

        Assert.Equal("\"Here \" anchor(#x) \"is an anchor.\"", blocks[0].Inlines.Dump());
        Assert.Equal("anchor(#para) \"A paragraph id.\"", blocks[1].Inlines.Dump());
        Assert.Equal("Chapter One", book.FindTarget("x")!.Label);
        Assert.Equal("Chapter One", book.FindTarget("para")!.Label);
    }

    [Fact]
    public void An_id_that_markdown_does_not_take_is_printed_as_written_with_a_warning()
    {
        var result = LoadChapter("# A\n\nA word and {#z} here.\n\nLater {#longer} in a paragraph.\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("book/ch.md:3:12: warning PUB1027: '{#z}' is not read as an id, so it is printed as written", diagnostic.ToString());
        var paragraphs = result.Value!.Divisions[0].Blocks.Cast<ParagraphBlock>().ToList();
        Assert.Equal("\"A word and {#z} here.\"", paragraphs[0].Inlines.Dump());

        // With a space before it, a longer id is Markdig's generic attribute of the paragraph: the anchor goes to its start.
        Assert.Equal("anchor(#longer) \"Later in a paragraph.\"", paragraphs[1].Inlines.Dump());
    }

    [Fact]
    public void Links_to_ids_are_cross_references_and_empty_ones_are_page_references()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\nSee [](#b), [chapter B](#b), [the web](https://example.org) and <https://example.com>.\n",
            ["b.md"] = "# B\n",
        });
        var inlines = FirstParagraph(book.Divisions[0]);

        var pageRef = Assert.IsType<CrossRefInline>(inlines[1]);
        Assert.True(pageRef.IsPageReference);
        Assert.Equal("b", pageRef.TargetId);
        var textRef = Assert.IsType<CrossRefInline>(inlines[3]);
        Assert.False(textRef.IsPageReference);
        Assert.Equal("\"chapter B\"", textRef.Children.Dump());
        var link = Assert.IsType<LinkInline>(inlines[5]);
        Assert.Equal(("https://example.org", "the web"), (link.Url, Inline.ToPlainText(link.Children)));
        var autolink = Assert.IsType<LinkInline>(inlines[7]);
        Assert.Equal(("https://example.com", "https://example.com"), (autolink.Url, Inline.ToPlainText(autolink.Children)));
    }

    [Fact]
    public void A_cross_reference_to_nothing_is_an_error_with_the_nearest_id_as_hint()
    {
        var result = Load(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\n## The Treaty\n\nSee\nthe page [](#the-traety) and [this](#nowhere-at-all-really).\n",
        });

        Assert.Equal(
            [
                "book/a.md:6:10: error PUB1026: cross-reference to '#the-traety' points nowhere",
                "book/a.md:6:30: error PUB1026: cross-reference to '#nowhere-at-all-really' points nowhere",
            ],
            result.Lines());
        Assert.Equal(["did you mean '#the-treaty'?"], result.Diagnostics[0].Hints.ToArray());
        Assert.Empty(result.Diagnostics[1].Hints);
        Assert.NotNull(result.Value);
    }

    [Fact]
    public void Footnotes_are_numbered_per_division_in_order_of_first_citation()
    {
        var book = LoadClean(new Dictionary<string, string>
        {
            ["book.yml"] = "title: T\n",
            ["a.md"] = "# A\n\nFirst[^z], second[^a], first again[^z].\n\n[^a]: Note a.\n[^z]: Note *z*.\n",
            ["b.md"] = "# B\n\nAgain[^a].\n\n[^a]: Note a of B.\n",
        });
        var a = book.Divisions[0];
        var b = book.Divisions[1];

        Assert.Equal(
            "\"First\" note(a-note-1,1) \", second\" note(a-note-2,2) \", first again\" note(a-note-1,1) \".\"",
            FirstParagraph(a).Dump());
        Assert.Equal([("a-note-1", 1, "Note z."), ("a-note-2", 2, "Note a.")], a.Footnotes.Select(f => (f.Id, f.Number, Text(f))));
        Assert.Equal(new SourceSpan("book/a.md", 6, 6), a.Footnotes[0].Source);
        Assert.Equal([("b-note-1", 1, "Note a of B.")], b.Footnotes.Select(f => (f.Id, f.Number, Text(f))));
        Assert.Equal("a", book.FindTarget("a-note-2")!.DivisionId);

        static string Text(Footnote f) => Inline.ToPlainText(((ParagraphBlock)f.Blocks.Single()).Inlines);
    }

    /// <summary>
    /// Markdig read <c>[^a][^b]</c> as a full reference link (text "^a", label "^b"), so the first note was dropped
    /// and reported as never cited; likewise "[sic][^a]" lost "[sic]", "Wow![^a]" lost the '!', and a citation
    /// straight before a link was not read at all. A defined note's citation is now always a citation.
    /// </summary>
    [Theory]
    [InlineData("Two notes.[^a][^b]", "\"Two notes.\" note(ch-note-1,1) note(ch-note-2,2)")]
    [InlineData("Two notes [^a] [^b] here.", "\"Two notes \" note(ch-note-1,1) \" \" note(ch-note-2,2) \" here.\"")]
    [InlineData("Three text[^a][^b][^c].", "\"Three text\" note(ch-note-1,1) note(ch-note-2,2) note(ch-note-3,3) \".\"")]
    [InlineData("Reversed[^b][^a].", "\"Reversed\" note(ch-note-1,1) note(ch-note-2,2) \".\"")]
    [InlineData("A note[^a][link](http://x) after.", "\"A note\" note(ch-note-1,1) link(http://x: \"link\") \" after.\"")]
    [InlineData("Wow![^a] yes.", "\"Wow!\" note(ch-note-1,1) \" yes.\"")]
    [InlineData("He wrote [sic][^a] here.", "\"He wrote [sic]\" note(ch-note-1,1) \" here.\"")]
    [InlineData("A note[^a](1990) then.", "\"A note\" note(ch-note-1,1) \"(1990) then.\"")]
    public void Citations_side_by_side_are_each_cited_in_order(string paragraph, string expected)
    {
        // Only the notes the paragraph cites are defined, so a lost citation shows as PUB1022 and fails LoadClean.
        var cited = new[] { "a", "b", "c" }.Where(l => paragraph.Contains($"[^{l}]", StringComparison.Ordinal))
            .OrderBy(l => paragraph.IndexOf($"[^{l}]", StringComparison.Ordinal)).ToList();
        var division = LoadCleanChapter($"# Ch\n\n{paragraph}\n\n{string.Concat(cited.Select(l => $"[^{l}]: Note {l}.\n"))}");

        Assert.Equal(expected, FirstParagraph(division).Dump());
        Assert.Equal(cited.Select(l => $"Note {l}."), division.Footnotes.Select(f => Inline.ToPlainText(((ParagraphBlock)f.Blocks.Single()).Inlines)));
    }

    [Fact]
    public void A_citation_inside_brackets_is_no_link_text_and_brackets_before_one_keep_their_meaning()
    {
        var result = LoadChapter(
            "# Ch\n\n[see [^a]](http://x) then [def][^b] then [^nope][^c] then \\[^a] end.\n\n[def]: http://d\n[^a]: A.\n[^b]: B.\n[^c]: C.\n");

        // A citation is a link to its note, so no link may hold one; "[def]" is still a shortcut link; an undefined or
        // escaped citation is still reported where it stands.
        Assert.Equal(
            "\"[see \" note(ch-note-1,1) \"](http://x) then \" link(http://d: \"def\") note(ch-note-2,2) \" then [^nope]\" note(ch-note-3,3) \" then [^a] end.\"",
            FirstParagraph(result.Value!.Divisions[0]).Dump());
        Assert.Equal(
            [
                "book/ch.md:3:42: warning PUB1021: the footnote '[^nope]' is not defined; the text is kept as written",
                "book/ch.md:3:60: warning PUB1021: the citation '[^a]' is not read as one here (in raw HTML, or escaped), so it cites nothing; the text is kept as written",
            ],
            result.Lines());
    }

    [Fact]
    public void Undefined_and_uncited_footnotes_are_warnings()
    {
        var result = LoadChapter("# A\n\nCited[^x] and\nnot defined[^nope].\n\n[^x]: Yes.\n[^unused]: Never cited.\n");

        Assert.Equal(
            [
                "book/ch.md:4:12: warning PUB1021: the footnote '[^nope]' is not defined; the text is kept as written",
                "book/ch.md:7:1: warning PUB1022: the footnote '[^unused]' is never cited, so it is left out",
            ],
            result.Lines());
        Assert.Equal("Cited and not defined[^nope].", Inline.ToPlainText(FirstParagraph(result.Value!.Divisions[0])));
    }

    [Fact]
    public void Straight_quotes_dashes_and_dots_become_typographic()
    {
        var division = LoadCleanChapter("# T\n\n\"Don't,\" she said -- 'it's rock'n'roll' --- and the '90s...\n");

        Assert.Equal(
            "\"\u201CDon\u2019t,\u201D she said \u2013 \u2018it\u2019s rock\u2019n\u2019roll\u2019 \u2014 and the \u201990s\u2026\"",
            FirstParagraph(division).Dump());
    }

    [Fact]
    public void Inline_formatting_breaks_and_whitespace()
    {
        var division = LoadCleanChapter("# T\n\nSome *em* and __strong__ and `co  de`,\nsoft   break and hard\\\nbreak, *small*{.smallcaps}.\n");

        Assert.Equal(
            "\"Some \" em(\"em\") \" and \" strong(\"strong\") \" and \" code(\"co  de\") \", soft break and hard\" br \"break, \" sc(\"small\") \".\"",
            FirstParagraph(division).Dump());
    }

    [Fact]
    public void Block_kinds_map_onto_the_model()
    {
        var division = LoadCleanChapter("""
            # T

            > Quoted.

            3. three
            4. four

            - loose

            - list

            ***

            ```python
            print(1)
              indented
            ```

                indented code
            """);

        Assert.Collection(
            division.Blocks,
            b => Assert.Equal("Quoted.", Inline.ToPlainText(((ParagraphBlock)Assert.IsType<QuoteBlock>(b).Blocks.Single()).Inlines)),
            b =>
            {
                var list = Assert.IsType<ListBlock>(b);
                Assert.Equal((true, 3, true, 2), (list.Ordered, list.Start, list.Tight, list.Items.Length));
            },
            b =>
            {
                var list = Assert.IsType<ListBlock>(b);
                Assert.Equal((false, 1, false), (list.Ordered, list.Start, list.Tight));
            },
            b => Assert.IsType<SceneBreakBlock>(b),
            b => Assert.Equal(("print(1)\n  indented", "python"), (((CodeBlock)b).Text, ((CodeBlock)b).Language)),
            b => Assert.Equal(("indented code", (string?)null), (((CodeBlock)b).Text, ((CodeBlock)b).Language)));
    }

    [Fact]
    public void Pipe_tables_keep_rows_alignments_and_get_widths_from_their_content()
    {
        var division = LoadCleanChapter("""
            # T

            | Year | Event | Note |
            |:-----|:-----:|-----:|
            | 1941 | A *much* longer description of the event | x |
            | 1942 |
            """);
        var table = Assert.IsType<TableBlock>(division.Blocks.Single());

        Assert.Equal(["\"Year\"", "\"Event\"", "\"Note\""], table.Header.Single().Cells.Select(c => c.Dump()));
        Assert.Equal(2, table.Body.Length);
        Assert.Equal("\"A \" em(\"much\") \" longer description of the event\"", table.Body[0].Cells[1].Dump());
        Assert.All(table.Body, r => Assert.Equal(3, r.Cells.Length));
        Assert.Empty(table.Body[1].Cells[2]);
        Assert.Equal([ColumnAlignment.Left, ColumnAlignment.Center, ColumnAlignment.Right], table.Alignments.ToArray());
        Assert.Equal(1.0, table.ColumnWidths.Sum(), 9);
        Assert.All(table.ColumnWidths, w => Assert.True(w >= 0.12 - 1e-9));
        Assert.True(table.ColumnWidths[1] > 0.7);
        Assert.Equal(table.ColumnWidths[0], table.ColumnWidths[2], 9);
    }

    [Fact]
    public void Raw_html_and_images_warn_and_keep_their_text()
    {
        // Images are checked before they are judged unsupported: this one exists and is a PNG.
        var result = LoadBytes(new Dictionary<string, byte[]>
        {
            ["book.yml"] = "title: T\n"u8.ToArray(),
            ["map.png"] = ImageTests.Encode(SkiaSharp.SKEncodedImageFormat.Png, 3, 2),
            ["ch.md"] = System.Text.Encoding.UTF8.GetBytes("""
            # T

            <div class="box">
            Boxed <b>text</b> &amp; more.
            </div>

            <!-- a note to self -->

            Some <abbr>inline</abbr> html and ![a *map*](map.png).
            """),
        });

        Assert.Equal(
            [
                "book/ch.md:3:1: warning PUB1018: raw HTML: '<div>' has no equivalent in the book; its text is kept as paragraphs",
                "book/ch.md:9:6: warning PUB1019: raw HTML: '<abbr>' has no equivalent in the book; the tag is dropped and its text kept",
                "book/ch.md:9:35: warning PUB1020: images are not supported yet; the alt text is kept",
            ],
            result.Lines());
        var blocks = result.Value!.Divisions.Single().Blocks.Cast<ParagraphBlock>().ToList();
        Assert.Equal("\"Boxed \" strong(\"text\") \" & more.\"", blocks[0].Inlines.Dump());
        Assert.Equal("\"Some inline html and a \" em(\"map\") \".\"", blocks[1].Inlines.Dump());
    }
}
