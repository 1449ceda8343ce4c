using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// One round of coarse-to-fine: which trials it holds and the ranges they were drawn from (the
/// spec's own ranges in round 1). Kept for every round so a user sees how the search narrowed.
/// </summary>
/// <param name="Round">1-based.</param>
/// <param name="Space">The space of the round: the spec's parameters with their ranges and choices narrowed or widened.</param>
/// <param name="Widened">The range edges this round moved outward because the best value lay near them.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SearchRound")]
public sealed record class SearchRound(
    [property: Id(0)] int Round,
    [property: Id(1)] int FirstTrial,
    [property: Id(2)] int Trials,
    [property: Id(3)] ParameterSpec[] Space,
    [property: Id(4)] RangeWidening[] Widened);

/// <summary>A range edge moved outward: the best value so far lay in the outer tenth on that side.</summary>
/// <param name="Upward">The upper edge moved up (else the lower edge moved down).</param>
/// <param name="Best">The best trial's value of the parameter.</param>
/// <param name="From">The edge before.</param>
/// <param name="To">The edge after.</param>
/// <param name="BeyondDeclared">The new edge lies outside the range the spec declared.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.RangeWidening")]
public sealed record class RangeWidening(
    [property: Id(0)] string Parameter,
    [property: Id(1)] bool Upward,
    [property: Id(2)] double Best,
    [property: Id(3)] double From,
    [property: Id(4)] double To,
    [property: Id(5)] bool BeyondDeclared);

/// <summary>A searcher that works in rounds and can show each round's ranges.</summary>
public interface IRoundsSearcher : ISearcher
{
    /// <summary>The rounds decided so far, first to last.</summary>
    IReadOnlyList<SearchRound> Rounds { get; }
}
