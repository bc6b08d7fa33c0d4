using Xunit.Abstractions;
using Xunit.Sdk;

namespace Publisher.TestKit;

/// <summary>
/// Marks a test that is not part of the fast suite: it runs an external validator (qpdf, poppler, epubcheck, DAISY
/// Ace), drives a browser, or builds many books in child processes. It gives the test the trait
/// <c>Category=Slow</c>, so <c>dotnet test --filter Category!=Slow</c> runs the fast suite alone; CI runs everything.
/// The reason is for the reader of the test (xunit 2 traits carry no text of their own).
/// </summary>
[TraitDiscoverer("Publisher.TestKit.SlowTraitDiscoverer", "Publisher.TestKit")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class SlowAttribute(string reason) : Attribute, ITraitAttribute
{
    /// <summary>Why the test is slow: the tool or the work that makes it so.</summary>
    public string Reason { get; } = reason;
}

/// <summary>Turns <see cref="SlowAttribute"/> into the <c>Category=Slow</c> trait the test filter sees.</summary>
public sealed class SlowTraitDiscoverer : ITraitDiscoverer
{
    /// <summary>The trait name the README's filter uses.</summary>
    public const string Category = "Category";

    /// <summary>The trait value of a slow test.</summary>
    public const string Slow = "Slow";

    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>(Category, Slow);
    }
}
