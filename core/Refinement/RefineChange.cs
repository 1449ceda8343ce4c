namespace HyperSearch.Refinement;

/// <summary>One change the next round's spec makes, and the evidence for it.</summary>
/// <param name="Key">The spec key it concerns, as errors name keys (<c>space.lr</c>, <c>budget.max_epochs</c>).</param>
/// <param name="Evidence">For people: the comment written above the key, e.g. "best 5 of 40 trials had lr in [2e-3, 9e-3]".</param>
public sealed record class RefineChange(string Key, RefineChangeKind Kind, string Evidence);
