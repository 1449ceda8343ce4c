using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// A searcher that starts from what is already known: the spec's <c>seed_trials:</c> are proposed
/// first, as trials 0..S-1, and a model-based searcher (TPE, GP) observes an earlier sweep's trials
/// (<c>warm_start:</c>) before any of its own, under negative trial numbers, so its start-up
/// phase counts them and its first proposals already come from a model. Other searchers see neither:
/// they number their own proposals from 0 after the seeds, as without them.
/// </summary>
public sealed class PriorKnowledgeSearcher : ISearcher
{
    private readonly bool _modelBased;
    private readonly IReadOnlyList<SeedTrial> _seeds;
    private readonly int _warm;

    /// <param name="warm">Earlier trials inside this space, objectives oriented so larger is better; renumbered here -1, -2, ...</param>
    public PriorKnowledgeSearcher(ISearcher inner, bool modelBased, IReadOnlyList<SeedTrial> seeds, IReadOnlyList<TrialObservation> warm)
    {
        Inner = inner;
        _modelBased = modelBased;
        _seeds = seeds;
        _warm = modelBased ? warm.Count : 0;
        if (modelBased)
        {
            for (var i = 0; i < warm.Count; i++)
            {
                inner.Observe(warm[i] with { TrialNumber = -(i + 1) });
            }
        }
    }

    public ISearcher Inner { get; }

    public Suggestion Suggest(int trialNumber, IReadOnlyList<PendingTrial> inFlight)
    {
        if (trialNumber < _seeds.Count)
        {
            return Suggestion.Of(_seeds[trialNumber].Parameters, ProposalSource.Seed);
        }

        return _modelBased
            ? Inner.Suggest(trialNumber + _warm, inFlight)
            : Inner.Suggest(trialNumber - _seeds.Count, inFlight.Where(p => p.TrialNumber >= _seeds.Count).Select(p => p with { TrialNumber = p.TrialNumber - _seeds.Count }).ToList());
    }

    public void Observe(TrialObservation observation)
    {
        if (_modelBased)
        {
            Inner.Observe(observation);
        }
        else if (observation.TrialNumber >= _seeds.Count)
        {
            Inner.Observe(observation with { TrialNumber = observation.TrialNumber - _seeds.Count });
        }
    }
}
