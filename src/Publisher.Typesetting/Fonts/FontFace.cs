using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace Publisher.Typesetting.Fonts;

/// <summary>The four faces of a family, as shaping faces.</summary>
internal enum FaceStyle
{
    Regular,
    Italic,
    Bold,
    BoldItalic,
}

/// <summary>A glyph as shaping left it: id, the UTF-16 index of its cluster, advance and offsets in em units (1 = the size).</summary>
internal readonly record struct ShapedGlyph(ushort Id, int Cluster, double Advance, double XOffset, double YOffset, bool UnsafeToBreak);

/// <summary>
/// One font file ready for shaping with HarfBuzz. Metrics are in em units so a face serves every size. The font data
/// is pinned for the life of the face because HarfBuzz reads it in place.
/// </summary>
internal sealed class FontFace : IDisposable
{
    private readonly GCHandle _pin;
    private readonly Blob _blob;
    private readonly Face _face;
    private readonly Font _font;
    private readonly double _upem;
    private readonly Dictionary<int, bool> _coverage = [];

    public FontFace(int index, string name, byte[] data)
    {
        Index = index;
        Name = name;
        Data = data;
        _pin = GCHandle.Alloc(data, GCHandleType.Pinned);
        _blob = new Blob(_pin.AddrOfPinnedObject(), data.Length, MemoryMode.ReadOnly);
        _face = new Face(_blob, 0);
        _font = new Font(_face);
        _font.SetFunctionsOpenType();
        _upem = _face.UnitsPerEm;
        _font.SetScale(_face.UnitsPerEm, _face.UnitsPerEm);
        if (_font.TryGetHorizontalFontExtents(out var ext))
        {
            Ascender = ext.Ascender / _upem;
            Descender = -ext.Descender / _upem;
        }

        SpaceAdvance = Advance(' ', 0.25);
        HyphenAdvance = Advance('-', 0.33);
        XHeight = _font.TryGetGlyph('x', out var x) && _font.TryGetGlyphExtents(x, out var xe) ? xe.YBearing / _upem : 0.45;
    }

    /// <summary>Index of this face in the paged book's font table.</summary>
    public int Index { get; }

    public string Name { get; }

    public byte[] Data { get; }

    /// <summary>Ascender above the baseline, in em.</summary>
    public double Ascender { get; } = 0.8;

    /// <summary>Descender below the baseline (positive), in em.</summary>
    public double Descender { get; } = 0.2;

    public double XHeight { get; }

    public double SpaceAdvance { get; }

    public double HyphenAdvance { get; }

    /// <summary>The face that sets the characters this one lacks (the style's fallback font), if any.</summary>
    public FontFace? Fallback { get; set; }

    /// <summary>True when the font maps the code point to a glyph.</summary>
    public bool Covers(int codePoint)
    {
        lock (_coverage)
        {
            if (!_coverage.TryGetValue(codePoint, out var has))
            {
                has = _font.TryGetGlyph((uint)codePoint, out _);
                _coverage[codePoint] = has;
            }

            return has;
        }
    }

    private double Advance(char c, double fallback) =>
        _font.TryGetGlyph(c, out var g) ? _font.GetHorizontalGlyphAdvance(g) / _upem : fallback;

    /// <summary>Shapes text left to right with the given OpenType features (kerning and standard ligatures are on by default).</summary>
    public ShapedGlyph[] Shape(string text, string language, IReadOnlyList<Feature>? features = null)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf16(text);
        buffer.Direction = Direction.LeftToRight;
        buffer.Script = Script.Latin;
        buffer.Language = new Language(language);
        buffer.ClusterLevel = ClusterLevel.MonotoneCharacters;
        _font.Shape(buffer, features is null ? [] : [.. features]);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var result = new ShapedGlyph[infos.Length];
        for (var i = 0; i < infos.Length; i++)
        {
            result[i] = new ShapedGlyph(
                (ushort)infos[i].Codepoint,
                (int)infos[i].Cluster,
                positions[i].XAdvance / _upem,
                positions[i].XOffset / _upem,
                positions[i].YOffset / _upem,
                (infos[i].GlyphFlags & GlyphFlags.UnsafeToBreak) != 0);
        }

        return result;
    }

    public void Dispose()
    {
        _font.Dispose();
        _face.Dispose();
        _blob.Dispose();
        _pin.Free();
    }
}
