namespace HyperSearch.Search;

/// <summary>
/// The rungs of one successive-halving ladder and the results recorded at each, keyed by trial so
/// that a report seen again (a restart's replay, a re-run attempt) replaces instead of adding.
/// </summary>
internal sealed class RungSet
{
    private readonly int _eta;
    private readonly Dictionary<int, Dictionary<int, double>> _results;

    public RungSet(IEnumerable<int> milestones, int eta)
    {
        _eta = eta;
        _results = milestones.ToDictionary(epoch => epoch, _ => new Dictionary<int, double>());
        Milestones = _results.Keys.Order().ToArray();
    }

    /// <summary>The epochs at which a trial is judged.</summary>
    public IReadOnlyList<int> Milestones { get; }

    public SchedulerDecision Report(int trialNumber, int epoch, double objective)
    {
        if (!_results.TryGetValue(epoch, out var rung))
        {
            return SchedulerDecision.Continue;
        }

        var others = rung.Where(r => r.Key != trialNumber).Select(r => r.Value).ToList();
        rung[trialNumber] = objective;
        return PromotionRule.Continues(objective, others, _eta) ? SchedulerDecision.Continue : SchedulerDecision.Stop;
    }
}
