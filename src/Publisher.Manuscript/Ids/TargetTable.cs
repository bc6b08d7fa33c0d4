using System.Collections.Immutable;
using Publisher.Manuscript.Text;
using Publisher.Model;

namespace Publisher.Manuscript.Ids;

/// <summary>
/// Collects every id that can be referenced and every cross-reference, then checks the references once all files
/// are read (a chapter may refer forward). The model's cross-references carry no position, so it is kept here.
/// </summary>
internal sealed class TargetTable
{
    private readonly Dictionary<string, AnchorTarget> _targets = new(StringComparer.Ordinal);
    private readonly List<(string TargetId, SourceSpan? Span)> _references = [];

    /// <summary>When set, every target and reference added is also written here, for replaying a file's build.</summary>
    public List<object>? Journal { get; set; }

    /// <summary>Records a place that can be referenced.</summary>
    public void Add(string id, string divisionId, string label)
    {
        var target = new AnchorTarget(id, divisionId, label);
        _targets[id] = target;
        Journal?.Add(target);
    }

    /// <summary>Records a cross-reference to check later.</summary>
    public void AddReference(string targetId, SourceSpan? span)
    {
        _references.Add((targetId, span));
        Journal?.Add((targetId, span));
    }

    /// <summary>Adds again what a journal recorded.</summary>
    public void Replay(IEnumerable<object> journal)
    {
        foreach (var entry in journal)
        {
            switch (entry)
            {
                case AnchorTarget t:
                    _targets[t.Id] = t;
                    break;
                case ValueTuple<string, SourceSpan?> r:
                    _references.Add(r);
                    break;
            }
        }
    }

    /// <summary>Reports every reference to an id nothing has, and returns the targets for the book.</summary>
    public ImmutableDictionary<string, AnchorTarget> Resolve(DiagnosticBag diagnostics)
    {
        foreach (var (targetId, span) in _references)
        {
            if (_targets.ContainsKey(targetId))
            {
                continue;
            }

            var nearest = NearestName.Find(targetId, _targets.Keys);
            var hints = nearest is null ? [] : new[] { $"did you mean '#{nearest}'?" };
            diagnostics.Error(DiagnosticCodes.BrokenCrossReference, $"cross-reference to '#{targetId}' points nowhere", span, hints);
        }

        return _targets.ToImmutableDictionary(StringComparer.Ordinal);
    }
}
