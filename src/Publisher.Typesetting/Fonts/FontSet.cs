using Publisher.Styles;
using Publisher.PageModel;

namespace Publisher.Typesetting.Fonts;

/// <summary>The faces a book uses, loaded once per typesetting run and numbered for the page model's font table.</summary>
internal sealed class FontSet : IDisposable
{
    private readonly List<FontFace> _faces = [];

    public FontSet(StyleSheet style)
    {
        Body = Load(style.BodyFont);
        Display = ReferenceEquals(style.DisplayFont, style.BodyFont) ? Body : Load(style.DisplayFont);
        Mono = style.MonoFont is { } mono ? LoadShared(mono) : Body;

        // Code in the mono font is scaled to the body's x-height, as CSS's font-size-adjust does: a monospaced face
        // set at the body size looks a size larger (DejaVu Sans Mono's x-height is 0.55 em, Charis SIL's 0.48).
        MonoScale = ReferenceEquals(Mono, Body) || Mono[0].XHeight <= 0 ? 1 : Math.Clamp(Body[0].XHeight / Mono[0].XHeight, 0.75, 1.0);
        if (style.FallbackFont is { } fallback)
        {
            // Each face falls back to the same style of the fallback family. A face that stands for several styles
            // (the mono font's one regular face) keeps the first, its own: the regular.
            var faces = LoadShared(fallback);
            foreach (var family in new[] { Body, Display, Mono }.Distinct())
            {
                for (var i = 0; i < family.Length; i++)
                {
                    family[i].Fallback ??= faces[i];
                }
            }
        }
    }

    private FontFace Add(FontFace face)
    {
        _faces.Add(face);
        return face;
    }

    public FontFace[] Body { get; }

    public FontFace[] Display { get; }

    /// <summary>The faces for code: the style's mono font, else the body's.</summary>
    public FontFace[] Mono { get; }

    /// <summary>Code's size as a fraction of the text around it: 1 without a mono font of its own.</summary>
    public double MonoScale { get; }

    public IReadOnlyList<FontFace> All => _faces;

    /// <summary>A family whose styles may repeat one file (the fallback and mono fonts): faces of one file share it.</summary>
    private FontFace[] LoadShared(FontFamily family)
    {
        var loaded = new Dictionary<StyleFile, FontFace>();
        return [.. family.Faces.Select((f, i) => loaded.TryGetValue(f, out var face) ? face
            : loaded[f] = Add(new FontFace(_faces.Count, $"{family.Name} {(FaceStyle)i}", f.Data)))];
    }

    private FontFace[] Load(FontFamily family)
    {
        return [.. family.Faces.Select((f, i) =>
        {
            var face = new FontFace(_faces.Count, $"{family.Name} {(FaceStyle)i}", f.Data);
            _faces.Add(face);
            return face;
        })];
    }

    public FontRef[] ToRefs() => [.. _faces.Select(f => new FontRef(f.Name, f.Data))];

    public void Dispose()
    {
        foreach (var f in _faces)
        {
            f.Dispose();
        }
    }
}
