using HyperSearch.Spec;

namespace HyperSearch.Refinement;

/// <summary>The next round: its spec, the changes from its parent's, and how many trials the evidence came from.</summary>
/// <param name="Best">How many of the best trials the ranges and choices were fitted to.</param>
/// <param name="Ranked">How many finished trials with a figure were ranked.</param>
public sealed record class RefinedSpec(SweepSpec Spec, IReadOnlyList<RefineChange> Changes, int Best, int Ranked)
{
    /// <summary>The changes to one key, in the order they were made.</summary>
    public IEnumerable<RefineChange> For(string key) => Changes.Where(c => c.Key == key);
}
