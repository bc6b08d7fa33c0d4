namespace Publisher.Manuscript.Text;

/// <summary>Paths an author writes (chapter files, image sources), relative to a folder of the manuscript.</summary>
internal static class ManuscriptPath
{
    /// <summary>
    /// Joins <paramref name="relative"/> to <paramref name="folder"/> (both relative to the manuscript folder, '/' or
    /// '\' separated) and returns the normalised path, or null when the result leaves the manuscript folder: an
    /// absolute path, a drive or UNC path, or more <c>..</c> than there are folders to climb. Judged on the text
    /// alone, as a browser resolves a relative URL (RFC 3986 §5.2.4), so it means the same on every machine.
    /// Symbolic links inside the folder are the author's own choice and are followed.
    /// </summary>
    public static string? Inside(string folder, string relative)
    {
        if (relative.Length == 0 || relative[0] is '/' or '\\' || Path.IsPathRooted(relative) || (relative.Length >= 2 && relative[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in (folder + "/" + relative).Split('/', '\\'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
