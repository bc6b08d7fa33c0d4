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

    /// <summary>When set, every claim and generation is written here, so a file's build can be replayed later.</summary>
    public List<IdOperation>? Journal { get; set; }

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
            Journal?.Add(new IdOperation(id, Explicit: true, span, null));
            return null;
        }

        _used[id] = span;
        Journal?.Add(new IdOperation(id, Explicit: true, span, id));
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
        Journal?.Add(new IdOperation(baseId, Explicit: false, null, candidate));
        return candidate;
    }

    /// <summary>
    /// Replays a file's claims and generations from an earlier build, if each gives the result it gave then (an
    /// explicit id still free, a generated id still the same); only then are they applied, and true returned. A
    /// false leaves the registry as it was, and the file is built again.
    /// </summary>
    public bool TryReplay(IReadOnlyList<IdOperation> operations)
    {
        var taken = new Dictionary<string, SourceSpan?>(StringComparer.Ordinal);
        bool Free(string id) => !_used.ContainsKey(id) && !taken.ContainsKey(id);
        foreach (var op in operations)
        {
            string? result;
            if (op.Explicit)
            {
                // Only successful claims are journalled as replayable: a failed one reported an error, and a file
                // that reported anything is never replayed.
                result = IsValid(op.Id) && Free(op.Id) ? op.Id : null;
            }
            else
            {
                result = op.Id;
                for (var n = 2; !Free(result) || _reserved.Contains(result); n++)
                {
                    result = $"{op.Id}-{n}";
                }
            }

            if (result != op.Result)
            {
                return false;
            }

            if (result is not null)
            {
                taken[result] = op.Span;
            }
        }

        foreach (var (id, span) in taken)
        {
            _used[id] = span;
        }

        return true;
    }

    /// <summary>True for ids that work as XML ids and file names alike.</summary>
    public static bool IsValid(string id) => ValidId().IsMatch(id);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}

/// <summary>One claim (<see cref="IdRegistry.ClaimExplicit"/>) or generation (<see cref="IdRegistry.Generate"/>) and its result.</summary>
internal sealed record IdOperation(string Id, bool Explicit, SourceSpan? Span, string? Result);
