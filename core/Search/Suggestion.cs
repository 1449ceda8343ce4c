using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>What a searcher answers when the sweep asks for the next trial's configuration.</summary>
public enum SuggestionKind
{
    /// <summary>Here is a configuration: create the trial.</summary>
    Proposed,

    /// <summary>
    /// Not now: the searcher needs results still in flight (coarse-to-fine between rounds). The
    /// sweep creates no trial, stays open, and asks again when a slot next wants work.
    /// </summary>
    Wait,

    /// <summary>Nothing left to propose (an exhausted grid): the sweep ends when its trials do.</summary>
    Exhausted,
}

/// <summary>A searcher's answer: a configuration (and what produced it), "wait", or "none left".</summary>
public sealed record class Suggestion(
    SuggestionKind Kind,
    IReadOnlyDictionary<string, ParamValue>? Parameters,
    ProposalSource Source = ProposalSource.Random)
{
    public static Suggestion Wait { get; } = new(SuggestionKind.Wait, null);

    public static Suggestion Exhausted { get; } = new(SuggestionKind.Exhausted, null);

    public static Suggestion Of(IReadOnlyDictionary<string, ParamValue> parameters, ProposalSource source = ProposalSource.Random) =>
        new(SuggestionKind.Proposed, parameters, source);
}
