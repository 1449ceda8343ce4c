namespace HyperSearch.Refinement;

/// <summary>What the user asked of the next round (<c>hypersearch refine</c>'s options).</summary>
/// <param name="ParentId">The sweep being refined; the new spec's <c>parent:</c>.</param>
/// <param name="Trials">The next round's trial budget; null: the parent's.</param>
/// <param name="MaxEpochs">The next round's epochs per trial; null: twice the parent's.</param>
public sealed record class RefineRequest(string ParentId, int? Trials = null, int? MaxEpochs = null);
