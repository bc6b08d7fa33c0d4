using System.Text.RegularExpressions;
using Publisher.Model;

namespace Publisher.Manuscript.Ids;

/// <summary>
/// Hands out the book's ids so that each is used once. Ids the author wrote are reserved before any id is made
/// up, so a slug made for an early heading never takes an id that a later chapter asks for by name.
/// </summary>
internal sealed partial class IdRegistry
{
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan?> _used = new(StringComparer.Ordinal);

    /// <summary>Marks an id the author wrote somewhere in the book, so no generated id takes it.</summary>
    public void Reserve(string id) => _reserved.Add(id);

    /// <summary>
    /// Claims an id the author wrote at <paramref name="span"/>. Null (after an error) when it is not a valid id or
    /// an earlier place already has it; the first use keeps it.
    /// </summary>
    public string? ClaimExplicit(string id, SourceSpan? span, DiagnosticBag diagnostics)
    {
        if (!IsValid(id))
        {
            diagnostics.Error(
                DiagnosticCodes.InvalidId,
                $"'{id}' is not a valid id",
                span,
                "an id starts with an ASCII letter and holds only ASCII letters, digits, '-', '_' and '.'");
            return null;
        }

        if (_used.TryGetValue(id, out var first))
        {
            var hints = first is null ? [] : new[] { $"it is first used at {first}" };
            diagnostics.Error(DiagnosticCodes.DuplicateId, $"the id '{id}' is used twice", span, hints);
            return null;
        }

        _used[id] = span;
        return id;
    }

    /// <summary>An id made from <paramref name="baseId"/>: itself if free, else the first free of -2, -3, ...</summary>
    public string Generate(string baseId)
    {
        var candidate = baseId;
        for (var n = 2; _used.ContainsKey(candidate) || _reserved.Contains(candidate); n++)
        {
            candidate = $"{baseId}-{n}";
        }

        _used[candidate] = null;
        return candidate;
    }

    /// <summary>True for ids that work as XML ids and file names alike.</summary>
    public static bool IsValid(string id) => ValidId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
