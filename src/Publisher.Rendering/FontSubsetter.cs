using System.Runtime.InteropServices;

namespace Publisher.Rendering;

/// <summary>
/// Subsets a font to the glyphs a document uses, with HarfBuzz's subsetter (hb-subset), keeping glyph ids so the
/// page model's glyph runs stay valid. Skia subsets fonts itself, but gives up on fonts carrying Graphite tables
/// (Charis SIL, for one) and then embeds the whole file; subsetting first keeps every PDF small whatever the font.
/// Embedding subsets in documents is what the SIL Open Font License's FAQ allows without renaming.
/// </summary>
public static partial class FontSubsetter
{
    private const string Lib = "libHarfBuzzSharp";

    // hb-subset.h
    private const uint RetainGids = 0x2;
    private const int SetsUnicode = 1;
    private const int SetsDropTableTag = 3;

    /// <summary>Graphite and other tables no PDF reader uses; dropping them is what lets the subsetter succeed.</summary>
    private static readonly string[] DroppedTables = ["Silf", "Glat", "Gloc", "Feat", "Sill", "DSIG"];

    /// <summary>
    /// A subset of <paramref name="font"/> for text made of <paramref name="codePoints"/>: their glyphs, and whatever
    /// glyphs their ligatures, alternates and marks need (hb-subset's closure over GSUB), renumbered compactly; null
    /// if HarfBuzz cannot subset it. For an e-book's embedded fonts, whose text is known when the book is written.
    /// </summary>
    public static byte[]? SubsetForText(byte[] font, IReadOnlyCollection<int> codePoints) => Subset(font, [], codePoints, retainGids: false);

    /// <summary>Returns a subset of <paramref name="font"/> holding <paramref name="glyphs"/> and the <paramref name="codePoints"/>' mappings, or null if HarfBuzz cannot subset it.</summary>
    internal static byte[]? Subset(byte[] font, IEnumerable<ushort> glyphs, IEnumerable<int> codePoints, bool retainGids = true)
    {
        var pin = GCHandle.Alloc(font, GCHandleType.Pinned);
        IntPtr blob = 0, face = 0, input = 0, subset = 0, outBlob = 0;
        try
        {
            blob = hb_blob_create(pin.AddrOfPinnedObject(), (uint)font.Length, 1 /* READONLY */, 0, 0);
            face = hb_face_create(blob, 0);
            input = hb_subset_input_create_or_fail();
            if (input == 0)
            {
                return null;
            }

            hb_subset_input_set_flags(input, retainGids ? RetainGids : 0);
            var glyphSet = hb_subset_input_glyph_set(input);
            hb_set_add(glyphSet, 0); // .notdef
            foreach (var g in glyphs)
            {
                hb_set_add(glyphSet, g);
            }

            var unicodeSet = hb_subset_input_set(input, SetsUnicode);
            foreach (var c in codePoints)
            {
                hb_set_add(unicodeSet, (uint)c);
            }

            var drop = hb_subset_input_set(input, SetsDropTableTag);
            foreach (var t in DroppedTables)
            {
                hb_set_add(drop, Tag(t));
            }

            subset = hb_subset_or_fail(face, input);
            if (subset == 0)
            {
                return null;
            }

            outBlob = hb_face_reference_blob(subset);
            var data = hb_blob_get_data(outBlob, out var length);
            if (data == 0 || length == 0)
            {
                return null;
            }

            var result = new byte[length];
            Marshal.Copy(data, result, 0, (int)length);
            return result;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        finally
        {
            if (outBlob != 0)
            {
                hb_blob_destroy(outBlob);
            }

            if (subset != 0)
            {
                hb_face_destroy(subset);
            }

            if (input != 0)
            {
                hb_subset_input_destroy(input);
            }

            if (face != 0)
            {
                hb_face_destroy(face);
            }

            if (blob != 0)
            {
                hb_blob_destroy(blob);
            }

            pin.Free();
        }
    }

    private static uint Tag(string t) => ((uint)t[0] << 24) | ((uint)t[1] << 16) | ((uint)t[2] << 8) | t[3];

    [LibraryImport(Lib)]
    private static partial IntPtr hb_blob_create(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [LibraryImport(Lib)]
    private static partial void hb_blob_destroy(IntPtr blob);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_face_create(IntPtr blob, uint index);

    [LibraryImport(Lib)]
    private static partial void hb_face_destroy(IntPtr face);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_face_reference_blob(IntPtr face);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_subset_input_create_or_fail();

    [LibraryImport(Lib)]
    private static partial void hb_subset_input_destroy(IntPtr input);

    [LibraryImport(Lib)]
    private static partial void hb_subset_input_set_flags(IntPtr input, uint flags);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_subset_input_glyph_set(IntPtr input);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_subset_input_set(IntPtr input, int setType);

    [LibraryImport(Lib)]
    private static partial void hb_set_add(IntPtr set, uint codepoint);

    [LibraryImport(Lib)]
    private static partial IntPtr hb_subset_or_fail(IntPtr source, IntPtr input);
}
