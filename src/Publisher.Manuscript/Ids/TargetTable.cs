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

    /// <summary>Records a place that can be referenced.</summary>
    public void Add(string id, string divisionId, string label) => _targets[id] = new AnchorTarget(id, divisionId, label);

    /// <summary>Records a cross-reference to check later.</summary>
    public void AddReference(string targetId, SourceSpan? span) => _references.Add((targetId, span));

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
