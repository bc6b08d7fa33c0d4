using Publisher.Model;

namespace Publisher.Manuscript.Images;

/// <summary>An image the manuscript names (<c>![alt](src)</c> or <c>&lt;img src&gt;</c>), checked once the book is read.</summary>
/// <param name="Source">The URL or path as written.</param>
/// <param name="Span">Where it is written.</param>
/// <param name="Folder">The folder of the chapter that names it, relative to the manuscript folder ("" for the top).</param>
internal sealed record ImageReference(string Source, SourceSpan Span, string Folder);
