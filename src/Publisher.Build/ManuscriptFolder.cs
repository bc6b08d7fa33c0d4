using Publisher.Model;

namespace Publisher.Build;

/// <summary>The one check every verb makes before reading a book: is there a manuscript folder at all.</summary>
public static class ManuscriptFolder
{
    /// <summary>The code of a manuscript folder that is not there (an input error: exit 2, not a book error).</summary>
    public const string Missing = "PUB1000";

    /// <summary>
    /// The folder name the command line falls back on when none was given; a missing folder of that name gets a hint
    /// about naming one.
    /// </summary>
    public const string DefaultName = "manuscript";

    /// <summary>Null when <paramref name="manuscript"/> is a folder; else the diagnostic that says so, with what to do.</summary>
    public static Diagnostic? Check(string manuscript) => Directory.Exists(manuscript)
        ? null
        : Diagnostic.Error(Missing, "manuscript folder does not exist", new SourceSpan(manuscript), Hints(manuscript));

    /// <summary>What to do about a missing manuscript folder: where the default looked, and how to make a book.</summary>
    private static string[] Hints(string manuscript) => manuscript == DefaultName
        ? ["no folder was named, so 'manuscript' was tried: name one with --manuscript DIR, or run this inside a folder holding book.yml", "a new book: publisher init my-book"]
        : ["the folder holding book.yml; a new book: publisher init " + manuscript];
}
