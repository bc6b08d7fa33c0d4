namespace Publisher.Epub.Package;

/// <summary>A publication resource (EPUB 3.3 §5.6.2): its manifest entry and its bytes.</summary>
/// <param name="Id">The manifest id, an XML id unique in the package document.</param>
/// <param name="Href">The path relative to the package document.</param>
/// <param name="MediaType">The MIME media type (EPUB 3.3 §3.2 core media types).</param>
/// <param name="Properties">Manifest properties such as <c>nav</c>, or null.</param>
/// <param name="Data">The file's bytes.</param>
/// <param name="Compress">False to store the file without trying Deflate (the ZIP writer also stores anything Deflate would grow).</param>
internal sealed record ManifestItem(string Id, string Href, string MediaType, string? Properties, byte[] Data, bool Compress = true);
