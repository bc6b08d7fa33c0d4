using Publisher.Model;

namespace Publisher.Build.Output;

/// <summary>An output could not be written (a full disk, no permission, a file where the folder should be).</summary>
public sealed class OutputException(string path, string reason, Exception inner) : IOException($"{path}: error PUB5002: cannot write the output: {reason}", inner)
{
    /// <summary>The file that could not be written.</summary>
    public string Path { get; } = path;

    /// <summary>Why, as the file system said it.</summary>
    public string Reason { get; } = reason;

    /// <summary>The problem as a diagnostic at the file: an input problem (exit 2), not a bug.</summary>
    public Diagnostic ToDiagnostic() => Diagnostic.Error(Code, $"cannot write the output: {Reason}", new SourceSpan(Path));

    /// <summary>The code of an output that cannot be written.</summary>
    public const string Code = "PUB5002";
}
