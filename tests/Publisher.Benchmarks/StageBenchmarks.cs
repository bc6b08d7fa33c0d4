using BenchmarkDotNet.Attributes;
using Publisher.Epub;
using Publisher.Model;
using Publisher.Styles;
using Publisher.PageModel;
using Publisher.Typesetting.Hyphenation;
using Publisher.Typesetting.LineBreaking;

namespace Publisher.Benchmarks;

/// <summary>
/// The build's stages in-process, each on the output of the one before (made once in the global setup), on the 1×
/// and 40× books. Typeset is the whole layout stage (collect, shape, items, break, place, paginate, every pass that
/// settles page references); TypesetOnePass stops after the first pass, so Typeset − TypesetOnePass is the cost of
/// the repeated passes. Hyphenate and BreakLines are the parts of the layout stage the public API reaches (see
/// <see cref="Paragraphs"/>); shaping and pagination are internal and only measured inside Typeset.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private string _manuscript = "";
    private BookDocument _book = null!;
    private StyleSheet _style = null!;
    private PagedBook _paged = null!;
    private EpubCover _cover = null!;
    private PrintPageMap _pageMap = null!;
    private Hyphenator _hyphenator = null!;
    private List<string[]> _words = null!;
    private List<Item[]> _items = null!;

    /// <summary>How many times the sample chapters are repeated.</summary>
    [Params(1, 40)]
    public int Copies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _manuscript = Books.Manuscript(Copies);
        _book = Books.Load(_manuscript);
        _style = Books.LoadStyle();
        _paged = Books.Typeset(_book, _style);
        _cover = Books.Cover(_book, _style);
        _pageMap = Books.PageMap(_book, _style, _paged);
        _hyphenator = Paragraphs.Hyphenator(_style);
        _words = Paragraphs.Words(_book);
        _items = Paragraphs.Items(_hyphenator, _words);
    }

    [Benchmark]
    public BookDocument LoadManuscript() => Books.Load(_manuscript);

    [Benchmark]
    public StyleSheet LoadStyle() => Books.LoadStyle();

    [Benchmark]
    public PagedBook Typeset() => Books.Typeset(_book, _style);

    [Benchmark]
    public PagedBook TypesetOnePass() => Books.Typeset(_book, _style, maxPasses: 1);

    [Benchmark]
    public int Hyphenate() => Paragraphs.HyphenateAll(_hyphenator, _words);

    [Benchmark]
    public int BreakLines() => Paragraphs.BreakAll(_items);

    [Benchmark]
    public long RenderPdf() => Books.RenderPdf(_paged);

    [Benchmark]
    public byte[] RenderCover() => Books.Cover(_book, _style).Image;

    [Benchmark]
    public long WriteEpub() => Books.WriteEpub(_book, _style, _cover, _pageMap);
}
