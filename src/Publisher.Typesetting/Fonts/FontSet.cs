using Publisher.Styles;
using Publisher.Typesetting.Frames;

namespace Publisher.Typesetting.Fonts;

/// <summary>The faces a book uses, loaded once per typesetting run and numbered for the page model's font table.</summary>
internal sealed class FontSet : IDisposable
{
    private readonly List<FontFace> _faces = [];

    public FontSet(StyleSheet style)
    {
        Body = Load(style.BodyFont);
        Display = ReferenceEquals(style.DisplayFont, style.BodyFont) ? Body : Load(style.DisplayFont);
        if (style.FallbackFont is { } fallback)
        {
            // Each face falls back to the same style of the fallback family; faces that repeat one file share it.
            var loaded = new Dictionary<StyleFile, FontFace>();
            var faces = fallback.Faces.Select((f, i) => loaded.TryGetValue(f, out var face) ? face
                : loaded[f] = Add(new FontFace(_faces.Count, $"{fallback.Name} {(FaceStyle)i}", f.Data))).ToArray();
            foreach (var family in new[] { Body, Display })
            {
                for (var i = 0; i < family.Length; i++)
                {
                    family[i].Fallback = faces[i];
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

    public IReadOnlyList<FontFace> All => _faces;

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
