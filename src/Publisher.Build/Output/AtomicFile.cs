using System.Globalization;

namespace Publisher.Build.Output;

/// <summary>
/// Writes a file so that readers see the old file or the complete new one, never a truncated one: a build killed at
/// any moment leaves the last good output in place, and two builds writing the same file at once each rename a whole
/// file over it (POSIX rename(2) replaces the target atomically), so the last one wins and both files are whole.
/// </summary>
public static class AtomicFile
{
    // The machine's name goes into temporary file names, split on '.', so a dot in it would shift the fields.
    private static readonly string Machine = Environment.MachineName.Replace('.', '-');

    /// <summary>
    /// Writes the stream's bytes to a hidden temporary file beside the target, flushes it to disk, then renames it into
    /// place. Creates the folder if needed. Temporary files left by builds that were killed are removed first. A file
    /// system error becomes an <see cref="OutputException"/> that names the path.
    /// </summary>
    public static void Write(string path, MemoryStream content) => WriteTogether([(path, content.ToArray())]);

    /// <summary>
    /// Writes files so that they appear together: every one is first written whole to its temporary file and flushed
    /// to disk, and only then are they renamed into place. Any failure leaves none of the temporary files behind.
    /// </summary>
    public static void WriteTogether(IEnumerable<(string Path, byte[] Content)> files)
    {
        var staged = new List<(string Temp, string Path)>();
        try
        {
            foreach (var (path, bytes) in files)
            {
                staged.Add((Stage(path, bytes), path));
            }

            foreach (var (temp, path) in staged)
            {
                Commit(temp, path);
            }
        }
        finally
        {
            foreach (var (temp, _) in staged)
            {
                DeleteQuietly(temp);
            }
        }
    }

    /// <summary>
    /// Writes the bytes whole to a new hidden temporary file beside <paramref name="path"/> and flushes it to disk;
    /// returns the temporary file's path. Makes the folder if need be and, before writing, removes temporary files
    /// that killed builds left behind.
    /// </summary>
    private static string Stage(string path, byte[] bytes)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        var temp = Path.Combine(dir, $".{name}.{Machine}.{Environment.ProcessId}.{Guid.CreateVersion7():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            using var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.WriteThrough);
            // The new, still empty file's time is "now" to judge the others' age by, so writing reads no clock; they
            // are removed before ours is written, which on a full disk may be what makes room for it.
            RemoveAbandoned(dir, name, File.GetLastWriteTimeUtc(temp), temp);
            f.Write(bytes);
            f.Flush(flushToDisk: true);
            return temp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temp);
            throw new OutputException(path, e.Message, e);
        }
    }

    /// <summary>Renames a staged temporary file over the target (POSIX rename(2): atomic).</summary>
    private static void Commit(string temp, string path)
    {
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, e.Message, e);
        }
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the next build removes it.
        }
    }

    /// <summary>
    /// Removes the temporary files of <paramref name="name"/> that a killed build left behind: those made on this
    /// machine by a process that no longer runs, and any older than a day (made elsewhere, on a shared folder). A
    /// temporary file of a build still running is never touched.
    /// </summary>
    private static void RemoveAbandoned(string dir, string name, DateTime now, string ours)
    {
        var prefix = $".{name}.";
        foreach (var temp in Directory.EnumerateFiles(dir, prefix + "*.tmp").Where(t => t != ours))
        {
            var parts = Path.GetFileName(temp)[prefix.Length..].Split('.');
            var thisMachine = parts.Length == 4 && parts[0] == Machine;
            var dead = thisMachine && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid);
            try
            {
                if (dead || File.GetLastWriteTimeUtc(temp) < now.AddDays(-1))
                {
                    File.Delete(temp);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another build removed it first, or it is not ours to remove.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
