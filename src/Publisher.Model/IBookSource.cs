namespace Publisher.Model;

/// <summary>
/// All file input goes through here, so stages never touch the disk directly and tests can run from memory
/// (after typst's <c>World</c> and pandoc's <c>PandocMonad</c>). Paths are as the author wrote them, relative to the
/// source's root or absolute; the source decides how to resolve them.
/// </summary>
public interface IBookSource
{
    /// <summary>True when a file exists at the path.</summary>
    bool FileExists(string path);

    /// <summary>True when a folder exists at the path.</summary>
    bool DirectoryExists(string path);

    /// <summary>The file's bytes. Throws <see cref="IOException"/> (or a subclass) when it cannot be read.</summary>
    byte[] ReadAllBytes(string path);

    /// <summary>Paths of the files in a folder whose names match a pattern such as <c>*.md</c>, sorted ordinally.</summary>
    IReadOnlyList<string> ListFiles(string directory, string searchPattern);

    /// <summary>Names of the sub-folders of a folder, sorted ordinally.</summary>
    IReadOnlyList<string> ListDirectories(string directory);

    /// <summary>Joins a folder and a relative path in this source's own terms.</summary>
    string Combine(string directory, string relative);

    /// <summary>The folder that holds a path.</summary>
    string GetDirectory(string path);

    /// <summary>The path to show in a diagnostic: relative to the current folder where that is shorter.</summary>
    string Display(string path);

    /// <summary>
    /// The file's size and modification time, for telling cheaply that a file read before has not changed; null when
    /// the source cannot tell (then the file is read and compared).
    /// </summary>
    FileStamp? Stamp(string path) => null;
}

/// <summary>A file's size and last modification time.</summary>
public readonly record struct FileStamp(long Length, DateTime ModifiedUtc);

/// <summary>The real file system.</summary>
public sealed class FileSystemBookSource : IBookSource
{
    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public bool DirectoryExists(string path) => Directory.Exists(path);

    /// <inheritdoc />
    public FileStamp? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : null;
    }

    /// <summary>
    /// The largest file read (1 GiB): far above any chapter, font or image a book needs, and a bound on the memory a
    /// hostile file can take. Stages set lower limits of their own for the kinds of file they read.
    /// </summary>
    public const long MaxFileBytes = 1L << 30;

    /// <inheritdoc />
    /// <remarks>
    /// Only regular files are read. A named pipe would block the build until something writes to it, and a device
    /// such as <c>/dev/zero</c> (one symbolic link away) never ends; both are refused with an <see cref="IOException"/>
    /// before they are opened.
    /// </remarks>
    public byte[] ReadAllBytes(string path)
    {
        if (UnixFileType.NotARegularFile(path) is { } kind)
        {
            throw new IOException($"it is {kind}, not a regular file");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > MaxFileBytes)
        {
            throw new IOException($"it is larger than {MaxFileBytes >> 20} MiB");
        }

        // Read to the end rather than trusting the length: a file can change while it is read. The cap holds either way.
        using var buffer = new MemoryStream((int)stream.Length);
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > MaxFileBytes)
            {
                throw new IOException($"it is larger than {MaxFileBytes >> 20} MiB");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory, string searchPattern) =>
        [.. Directory.GetFiles(directory, searchPattern).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)] : [];

    /// <inheritdoc />
    public string Combine(string directory, string relative) => Path.Combine(directory, relative);

    /// <inheritdoc />
    public string GetDirectory(string path) => Path.GetDirectoryName(path) ?? "";

    /// <inheritdoc />
    public string Display(string path)
    {
        var full = Path.GetFullPath(path);
        var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return rel.StartsWith("..", StringComparison.Ordinal) ? full : rel;
    }
}

/// <summary>An in-memory source for tests: a dictionary of path to content, '/' separated.</summary>
public sealed class MemoryBookSource(IReadOnlyDictionary<string, byte[]> files) : IBookSource
{
    private static string Norm(string p) => p.Replace('\\', '/').TrimStart('.', '/');

    /// <summary>Makes a source from text files.</summary>
    public static MemoryBookSource FromText(IReadOnlyDictionary<string, string> files) =>
        new(files.ToDictionary(kv => Norm(kv.Key), kv => System.Text.Encoding.UTF8.GetBytes(kv.Value)));

    /// <inheritdoc />
    public bool FileExists(string path) => files.ContainsKey(Norm(path));

    /// <inheritdoc />
    public bool DirectoryExists(string path)
    {
        var d = Norm(path);
        return d.Length == 0 || files.Keys.Any(k => k.StartsWith(d + "/", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public byte[] ReadAllBytes(string path) =>
        files.TryGetValue(Norm(path), out var b) ? b : throw new FileNotFoundException("no such file", path);

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory, string searchPattern)
    {
        var d = Norm(directory);
        var prefix = d.Length == 0 ? "" : d + "/";
        var ext = searchPattern.StartsWith("*.", StringComparison.Ordinal) ? searchPattern[1..] : null;
        return [.. files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !k[prefix.Length..].Contains('/'))
            .Where(k => ext is null || k.EndsWith(ext, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory)
    {
        var d = Norm(directory);
        var prefix = d.Length == 0 ? "" : d + "/";
        return [.. files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k[prefix.Length..].Contains('/'))
            .Select(k => k[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public string Combine(string directory, string relative) =>
        Norm(directory).Length == 0 ? Norm(relative) : Norm(directory) + "/" + Norm(relative);

    /// <inheritdoc />
    public string GetDirectory(string path)
    {
        var n = Norm(path);
        var i = n.LastIndexOf('/');
        return i < 0 ? "" : n[..i];
    }

    /// <inheritdoc />
    public string Display(string path) => Norm(path);
}
