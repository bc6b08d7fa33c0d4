using System.Collections.Immutable;
using System.Globalization;
using Publisher.Model;

namespace Publisher.Styles;

/// <summary>
/// Turns merged, schema-checked settings into a <see cref="StyleSheet"/>: units, ranges, fonts, defaults.
/// <paramref name="broken"/> holds the keys (or sections) the files got wrong, already reported: checks that need
/// them are left out rather than run on a value the author did not mean. <paramref name="file"/> is the style asked
/// for, where a problem with no line of its own is reported.
/// </summary>
internal sealed class Resolver(IBookSource source, Dictionary<string, StyleLoader.Setting> settings, IReadOnlySet<string> broken, string name, string file, DiagnosticBag diagnostics)
{
    /// <summary>Built-in values for keys no style in the chain sets (fonts have none: a style must name them).</summary>
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["page.width"] = "6in", ["page.height"] = "9in",
        ["page.margin-inner"] = "0.875in", ["page.margin-outer"] = "0.625in",
        ["page.margin-top"] = "0.75in", ["page.margin-bottom"] = "0.875in",
        ["body.size"] = "10.5pt", ["body.leading"] = "14pt", ["body.indent"] = "1.25em",
        ["body.paragraph-spacing"] = "0", ["body.align"] = "justify", ["body.hyphenate"] = "true",
        ["chapter.sink"] = "1.5in", ["chapter.number-format"] = "{chapter} {n}", ["chapter.number-size"] = "1em",
        ["chapter.title-size"] = "1.8em", ["chapter.title-leading"] = "2.2em", ["chapter.space-after-title"] = "0.5in",
        ["chapter.align"] = "center", ["chapter.new-recto"] = "true", ["chapter.number-small-caps"] = "true",
        ["lists.indent"] = "1.5em",
        ["running-heads.enabled"] = "true", ["running-heads.size"] = "0.8em",
        ["running-heads.head-baseline"] = "0.45in", ["running-heads.folio-baseline"] = "0.5in",
        ["running-heads.small-caps"] = "true",
        ["colors.text"] = "#1a1a1a", ["colors.accent"] = "#1a1a1a",
    };

    private Length _em = Length.Pt(10.5);

    /// <summary>Keys whose value was reported as wrong here (no unit, out of range): a check across keys skips them.</summary>
    private readonly HashSet<string> _bad = new(StringComparer.Ordinal);

    public StyleSheet? Resolve()
    {
        // em is relative to the body size, so that comes first.
        _em = Len("body.size", Length.Pt(10.5));
        if (_bad.Contains("body.size"))
        {
            // Reported already: every em length measured from it would only be reported again, as follow-on errors.
            _em = Length.Pt(10.5);
        }

        var innerAuto = settings.TryGetValue("page.margin-inner", out var inner) && inner.Value.Trim() == "auto";
        var outer = Len("page.margin-outer");
        var page = new PageStyle(
            Len("page.width"), Len("page.height"), innerAuto ? Gutter.For(0, outer) : Len("page.margin-inner"), outer,
            Len("page.margin-top"), Len("page.margin-bottom"))
        { MarginInnerAuto = innerAuto };
        CheckGeometry(page);

        var body = new TextStyle(_em, Len("body.leading"), Len("body.indent"), Len("body.paragraph-spacing"), Align("body.align"), Bool("body.hyphenate"));
        if (body.Leading < body.Size && Sound("body.leading", "body.size"))
        {
            diagnostics.Add(Diagnostic.Error(StyleCodes.OutOfRange, $"body.leading ({body.Leading}) is less than body.size ({body.Size}): lines would overlap", Blame("body.leading", "body.size")));
        }

        var headings = ImmutableArray.CreateRange(new[] { "h2", "h3", "h4", "h5", "h6" }.Select((h, i) => new HeadingStyle(
            Len($"headings.{h}.size", _em * Math.Max(1.0, 1.1 - (i * 0.05))),
            Len($"headings.{h}.leading", body.Leading),
            Len($"headings.{h}.space-before", body.Leading),
            Len($"headings.{h}.space-after", body.Leading * 0.5),
            Bool($"headings.{h}.bold", i > 1),
            Bool($"headings.{h}.italic", i == 1),
            Bool($"headings.{h}.small-caps", i == 0),
            Align($"headings.{h}.align", i == 0 ? TextAlign.Center : TextAlign.Left))));

        var chapter = new ChapterStyle(
            Len("chapter.sink"), NumberFormat("chapter.number-format"), Len("chapter.number-size"), Len("chapter.title-size"),
            Len("chapter.title-leading"), Len("chapter.space-after-title"), Align("chapter.align"), Bool("chapter.new-recto"))
        { NumberSmallCaps = Bool("chapter.number-small-caps") };

        var quote = Block("quote", _em * 0.93, body.Leading * 0.93, _em * 1.5, _em * 1.5, body.Leading * 0.5, body.Leading * 0.5);
        var footnote = Block("footnote", _em * 0.8, body.Leading * 0.8, Length.Zero, Length.Zero, body.Leading, Length.Zero);
        var table = Block("table", _em * 0.85, body.Leading * 0.8, Length.Zero, Length.Zero, body.Leading * 0.7, body.Leading * 0.7);
        var heads = new RunningHeadStyle(Bool("running-heads.enabled"), Len("running-heads.size"), Len("running-heads.head-baseline"), Len("running-heads.folio-baseline"), Bool("running-heads.small-caps"));
        var listIndent = Len("lists.indent");
        var (textColor, accentColor) = (Color("colors.text"), Color("colors.accent"));

        var bodyFont = Family("body", required: true);
        var displayFont = settings.Keys.Any(k => k.StartsWith("fonts.display.", StringComparison.Ordinal)) ? Family("display", required: true) : bodyFont;
        var fallbackFont = settings.Keys.Any(k => k.StartsWith("fonts.fallback.", StringComparison.Ordinal)) ? Family("fallback", required: true, regularOnly: true) : null;
        var monoFont = settings.Keys.Any(k => k.StartsWith("fonts.mono.", StringComparison.Ordinal)) ? Family("mono", required: true, regularOnly: true) : null;

        var hyphenation = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, settings.Values
            .Where(s => s.Key.StartsWith("hyphenation.", StringComparison.Ordinal))
            .Select(s => (Tag: s.Key["hyphenation.".Length..], File: LoadFile(s, font: false)))
            .Where(x => x.File is not null)
            .Select(x => KeyValuePair.Create(x.Tag, x.File!)));

        string? css = null;
        if (settings.TryGetValue("epub.css", out var cssSetting) && LoadFile(cssSetting, font: false) is { } cssFile)
        {
            css = System.Text.Encoding.UTF8.GetString(cssFile.Data);
        }

        // Every value is checked above, before this: an earlier error must not hide a later one (the colours were
        // once read only after it, so their mistakes came out a build later).
        if (diagnostics.HasErrors || bodyFont is null || displayFont is null)
        {
            return null;
        }

        return new StyleSheet
        {
            Name = name,
            Page = page,
            BodyFont = bodyFont,
            DisplayFont = displayFont,
            FallbackFont = fallbackFont,
            MonoFont = monoFont,
            Body = body,
            Headings = headings,
            Chapter = chapter,
            Quote = quote,
            Footnote = footnote,
            Table = table,
            ListIndent = listIndent,
            RunningHeads = heads,
            TextColor = textColor,
            AccentColor = accentColor,
            Hyphenation = hyphenation,
            ExtraEpubCss = css,
            SceneBreak = SceneBreak(body, bodyFont),
        };
    }

    /// <summary>
    /// The scene break, its mark the style's (or the asterism) where the body font has it, else the fallback: decided
    /// here, from the font file, so that print and the EPUB set the same mark.
    /// </summary>
    private SceneBreakStyle SceneBreak(TextStyle body, FontFamily bodyFont)
    {
        var scene = SceneBreakStyle.From(body);
        if (settings.TryGetValue("scene-break.mark", out var mark) && mark.Value.Trim().Length > 0)
        {
            scene = scene with { Mark = mark.Value.Trim() };
        }

        return CmapCoverage.CoversAll(bodyFont.Regular.Data, scene.Mark) ? scene : scene with { Mark = scene.FallbackMark };
    }

    private void CheckGeometry(PageStyle page)
    {
        string[] across = ["page.margin-inner", "page.margin-outer", "page.width"];
        if (page.Measure.Points < 72 && Sound(across))
        {
            diagnostics.Add(Diagnostic.Error(StyleCodes.Geometry, $"the margins leave a text block {page.Measure} wide; at least 1in is needed", Blame(across)));
        }

        string[] down = ["page.margin-top", "page.margin-bottom", "page.height"];
        if (page.TextHeight.Points < 144 && Sound(down))
        {
            diagnostics.Add(Diagnostic.Error(StyleCodes.Geometry, $"the margins leave a text block {page.TextHeight} tall; at least 2in is needed", Blame(down)));
        }
    }

    /// <summary>True when none of the keys was written wrong: a check across them then speaks of what was meant.</summary>
    private bool Sound(params string[] keys) => !keys.Any(k => _bad.Contains(k) || IsBroken(k));

    /// <summary>True when the files got this key, or a section holding it, wrong (reported while reading them).</summary>
    private bool IsBroken(string key)
    {
        for (var at = key.Length; at > 0; at = key.LastIndexOf('.', at - 1))
        {
            if (broken.Contains(key[..at]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where to report a problem that several keys make together: at the one set nearest the style asked for (a
    /// child's new page width, not the parent's margins it no longer fits), the first of <paramref name="keys"/> on a
    /// tie; at the style's file when none is set.
    /// </summary>
    private SourceSpan Blame(params string[] keys) =>
        keys.Select(k => settings.GetValueOrDefault(k)).OfType<StyleLoader.Setting>().MinBy(s => s.Depth)?.Span ?? new SourceSpan(file);

    private BlockStyle Block(string key, Length size, Length leading, Length left, Length right, Length before, Length after) => new(
        Len($"{key}.size", size), Len($"{key}.leading", leading), Len($"{key}.indent-left", left), Len($"{key}.indent-right", right),
        Len($"{key}.space-before", before), Len($"{key}.space-after", after), Bool($"{key}.italic", false));

    private SourceSpan? SpanOf(string key) => settings.TryGetValue(key, out var s) ? s.Span : null;

    private string Raw(string key, string? fallback) =>
        settings.TryGetValue(key, out var s) ? s.Value : fallback ?? Defaults.GetValueOrDefault(key, "");

    private Length Len(string key, Length? fallback = null)
    {
        if (!settings.TryGetValue(key, out var s))
        {
            if (fallback is { } f)
            {
                return f;
            }

            _ = StyleLoader.TryParseLength(Defaults[key], _em, out var d, out _);
            return d;
        }

        if (!StyleLoader.TryParseLength(s.Value, _em, out var length, out var error))
        {
            _bad.Add(key);
            diagnostics.Add(Diagnostic.Error(StyleCodes.BadUnit, $"{key}: {error}", s.Span, "for example 12pt, 18mm, 0.75in or 1.5em"));
            return fallback ?? Length.Pt(10);
        }

        var spec = StyleSchema.Find(key)!;
        if (length.Points < spec.Min || length.Points > spec.Max)
        {
            _bad.Add(key);
            var range = string.Create(CultureInfo.InvariantCulture, $"outside the allowed range {spec.Min:0.##}pt to {spec.Max:0.##}pt");

            // An em length a parent wrote is pushed out of range by the body size a child set: that is the line to change.
            if (s.Value.Trim().EndsWith("em", StringComparison.Ordinal) && settings.TryGetValue("body.size", out var size) && size.Depth < s.Depth)
            {
                diagnostics.Add(Diagnostic.Error(StyleCodes.OutOfRange, $"{key} is {length} ({s.Value.Trim()} of body.size {_em}), {range}", size.Span, $"{key} is set at {s.Span}"));
            }
            else
            {
                diagnostics.Add(Diagnostic.Error(StyleCodes.OutOfRange, $"{key} is {length}, {range}", s.Span));
            }
        }

        return length;
    }

    private bool Bool(string key, bool? fallback = null)
    {
        var raw = Raw(key, fallback?.ToString());
        switch (raw.ToLowerInvariant())
        {
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            default:
                diagnostics.Add(Diagnostic.Error(StyleCodes.WrongType, $"{key} must be true or false, not '{raw}'", SpanOf(key)));
                return false;
        }
    }

    private TextAlign Align(string key, TextAlign? fallback = null)
    {
        var raw = Raw(key, fallback?.ToString().ToLowerInvariant());
        switch (raw.ToLowerInvariant())
        {
            case "justify": return TextAlign.Justify;
            case "left" or "ragged" or "start": return TextAlign.Left;
            case "center" or "centre": return TextAlign.Center;
            case "right" or "end": return TextAlign.Right;
            default:
                diagnostics.Add(Diagnostic.Error(StyleCodes.WrongType, $"{key} must be justify, left, center or right, not '{raw}'", SpanOf(key)));
                return TextAlign.Left;
        }
    }

    private Colour Color(string key)
    {
        var raw = Raw(key, null);
        if (Colour.TryParse(raw, out var colour))
        {
            return colour;
        }

        diagnostics.Add(Diagnostic.Error(StyleCodes.WrongType, $"{key} must be a colour like #1a1a1a, not '{raw}'", SpanOf(key)));
        return Colour.Black;
    }

    private string NumberFormat(string key)
    {
        var raw = Raw(key, null);
        if (raw.Length > 0 && !raw.Contains("{n}", StringComparison.Ordinal) && !raw.Contains("{N}", StringComparison.Ordinal) && !raw.Contains("{word}", StringComparison.Ordinal))
        {
            diagnostics.Add(Diagnostic.Warning(StyleCodes.WrongType, $"{key} '{raw}' has no {{n}}: every chapter gets the same label", SpanOf(key)));
        }

        return raw;
    }

    /// <summary>
    /// A family's four faces. With <paramref name="regularOnly"/> (the fallback and mono fonts) only the regular face is
    /// required, and a face not given is the regular one: a fallback for scripts the body font lacks often comes in
    /// one weight only, and code is rarely set in italic or bold.
    /// </summary>
    private FontFamily? Family(string family, bool required, bool regularOnly = false)
    {
        var faces = new[] { "regular", "italic", "bold", "bold-italic" }.Select(face =>
        {
            var key = $"fonts.{family}.{face}";
            if (!settings.TryGetValue(key, out var s))
            {
                if (regularOnly && face != "regular")
                {
                    return null; // the regular face stands in, below
                }

                if (required && !IsBroken(key))
                {
                    // At the family's nearest line (where the author began it), else the style's own file.
                    var begun = settings.Values.Where(v => v.Key.StartsWith($"fonts.{family}.", StringComparison.Ordinal)).Select(v => v.Key).ToArray();
                    diagnostics.Add(Diagnostic.Error(StyleCodes.Missing, regularOnly
                        ? $"the style sets no {key}: a {family} font needs at least its regular face"
                        : $"the style sets no {key}: every style needs the four faces of its {family} font",
                        Blame(begun)));
                }

                return null;
            }

            return LoadFile(s, font: true);
        }).ToArray();
        if (regularOnly && faces[0] is { } regular)
        {
            faces = [.. faces.Select(f => f ?? regular)];
        }

        if (faces.Any(f => f is null))
        {
            return null;
        }

        var familyName = settings.TryGetValue($"fonts.{family}.name", out var n) ? n.Value : Path.GetFileNameWithoutExtension(faces[0]!.Path).Split('-')[0];
        return new FontFamily(familyName, faces[0]!, faces[1]!, faces[2]!, faces[3]!);
    }

    private StyleFile? LoadFile(StyleLoader.Setting s, bool font)
    {
        var path = source.Combine(s.Folder, s.Value);
        if (!source.FileExists(path))
        {
            diagnostics.Add(Diagnostic.Error(StyleCodes.MissingFile, $"{s.Key}: file '{s.Value}' does not exist (looked in {source.Display(s.Folder)})", s.Span));
            return null;
        }

        byte[] data;
        try
        {
            data = source.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(StyleCodes.Unreadable, $"{s.Key}: cannot read '{s.Value}': {e.Message}", s.Span));
            return null;
        }

        if (font && !LooksLikeFont(data))
        {
            diagnostics.Add(Diagnostic.Error(StyleCodes.NotAFont, $"{s.Key}: '{s.Value}' is not a TrueType or OpenType font", s.Span, "give a .ttf or .otf file"));
            return null;
        }

        return new StyleFile(path, data);
    }

    /// <summary>The sfnt version tags of TrueType (0x00010000, 'true') and OpenType/CFF ('OTTO') fonts.</summary>
    private static bool LooksLikeFont(byte[] data) => data.Length >= 12 && (
        (data[0] == 0 && data[1] == 1 && data[2] == 0 && data[3] == 0) ||
        (data[0] == 'O' && data[1] == 'T' && data[2] == 'T' && data[3] == 'O') ||
        (data[0] == 't' && data[1] == 'r' && data[2] == 'u' && data[3] == 'e'));
}
