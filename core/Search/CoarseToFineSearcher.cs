using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Coarse-to-fine search: the trial budget is split into rounds (<see cref="RoundPlan"/>); each
/// round draws its trials at random inside the current ranges, and once every trial of a round has
/// finished, the next round's ranges are derived from the top-k results so far
/// (<see cref="RoundRanges"/>). Until then a trial of the next round gets <see cref="Suggestion.Wait"/>.
/// Trial N's draw depends only on (seed, N) and its round's ranges, and the ranges depend only on
/// the observations, so proposals survive restarts.
/// </summary>
public sealed class CoarseToFineSearcher : IRoundsSearcher
{
    private readonly ParameterSpec[] _declared;
    private readonly int _seed;
    private readonly int _topK;
    private readonly RoundPlan _plan;
    private readonly List<SearchRound> _rounds = [];
    private readonly Dictionary<int, TrialObservation> _observed = [];

    public CoarseToFineSearcher(SweepSpec spec)
        : this(spec.Space, spec.Search.Seed, spec.Budget.Trials, spec.Search.Rounds, spec.Search.TopK)
    {
    }

    public CoarseToFineSearcher(IReadOnlyList<ParameterSpec> space, int seed, int trials, int rounds, int topK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        _declared = space.ToArray();
        _seed = seed;
        _topK = topK;
        _plan = new RoundPlan(trials, rounds);
        _rounds.Add(new SearchRound(1, 0, _plan.TrialCount(0), _declared, []));
    }

    public IReadOnlyList<SearchRound> Rounds => _rounds;

    public Suggestion Suggest(int trialNumber, IReadOnlyList<PendingTrial> inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trialNumber);
        int round = _plan.RoundOf(trialNumber);
        return round < _rounds.Count
            ? Suggestion.Of(RandomSearcher.Draw(_rounds[round].Space, _seed, trialNumber), round == 0 ? ProposalSource.Random : ProposalSource.Narrowed)
            : Suggestion.Wait;
    }

    public void Observe(TrialObservation observation)
    {
        if (!_observed.TryAdd(observation.TrialNumber, observation))
        {
            return;
        }

        // A round ends when every one of its trials has been observed, however it ended (a failed
        // trial carries no verdict but must not hold the search up).
        while (_rounds.Count < _plan.Rounds && RoundIsDone(_rounds.Count - 1))
        {
            StartNextRound();
        }
    }

    private bool RoundIsDone(int round)
    {
        int first = _plan.FirstTrial(round);
        return Enumerable.Range(first, _plan.TrialCount(round)).All(_observed.ContainsKey);
    }

    private void StartNextRound()
    {
        var current = _rounds[^1];
        // Diverged trials carry a verdict but no value worth narrowing around.
        var top = ObservationRanking.BestFirst(_observed.Values)
            .Where(o => double.IsFinite(o.Objective!.Value))
            .Take(_topK)
            .ToList();
        var (space, widened) = top.Count == 0 ? (current.Space, []) : RoundRanges.Next(current.Space, _declared, top);
        int round = _rounds.Count;
        _rounds.Add(new SearchRound(round + 1, _plan.FirstTrial(round), _plan.TrialCount(round), space, widened));
    }
}
