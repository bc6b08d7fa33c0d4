using Publisher.Model;

namespace Publisher.UnitTests.Manuscript;

/// <summary>
/// A compact text form of inlines for assertions. Model records hold <c>ImmutableArray</c>s, whose equality is by
/// reference, so two equal-looking inline trees never compare equal; their dumps do.
/// </summary>
internal static class InlineDump
{
    public static string Dump(this IEnumerable<Inline> inlines) => string.Join(" ", inlines.Select(Dump));

    private static string Dump(Inline inline) => inline switch
    {
        TextInline t => $"\"{t.Text}\"",
        CodeInline c => $"code(\"{c.Text}\")",
        LineBreakInline => "br",
        AnchorInline a => $"anchor(#{a.Id})",
        NoteRefInline n => $"note({n.NoteId},{n.Number})",
        CrossRefInline x => x.IsPageReference ? $"pageref(#{x.TargetId})" : $"xref(#{x.TargetId}: {x.Children.Dump()})",
        LinkInline l => $"link({l.Url}: {l.Children.Dump()})",
        EmphasisInline e => $"em({e.Children.Dump()})",
        StrongInline s => $"strong({s.Children.Dump()})",
        SmallCapsInline s => $"sc({s.Children.Dump()})",
        _ => inline.ToString() ?? "?",
    };
}
