namespace HyperSearch.Search;

/// <summary>
/// The rungs of one successive-halving ladder and the results recorded at each, keyed by trial so
/// that a report seen again (a restart's replay, a re-run attempt) replaces instead of adding.
/// Each rung also keeps its values sorted, so a decision counts the better results by binary
/// search instead of a pass over all of them: with 100,000 results at a rung a decision took 1.6 ms
/// and a restart's replay of them minutes (bench/orchestration.sh micro).
/// </summary>
internal sealed class RungSet
{
    private readonly int _eta;
    private readonly bool _pause;
    private readonly Dictionary<int, Rung> _rungs;

    /// <param name="pause">
    /// The paper's ASHA: a trial not promotable on arrival pauses (to be promoted later, by the
    /// floor rule) instead of stopping (by the ceil rule).
    /// </param>
    public RungSet(IEnumerable<int> milestones, int eta, bool pause = false)
    {
        _eta = eta;
        _pause = pause;
        _rungs = milestones.ToDictionary(epoch => epoch, _ => new Rung());
        Milestones = _rungs.Keys.Order().ToArray();
    }

    /// <summary>The epochs at which a trial is judged.</summary>
    public IReadOnlyList<int> Milestones { get; }

    public SchedulerDecision Report(int trialNumber, int epoch, double objective)
    {
        if (!_rungs.TryGetValue(epoch, out var rung))
        {
            return SchedulerDecision.Continue;
        }

        var (better, others) = rung.Record(trialNumber, objective);
        if (_pause)
        {
            return PromotionRule.IsPromotable(better, others + 1, _eta) ? SchedulerDecision.Continue : SchedulerDecision.Pause;
        }

        return PromotionRule.Continues(better, others, _eta) ? SchedulerDecision.Continue : SchedulerDecision.Stop;
    }

    /// <summary>
    /// The best promotable trial among <paramref name="paused"/> (trial -> the epoch it paused at)
    /// at the highest rung that has one, with that rung's epoch; null when none is promotable.
    /// </summary>
    public (int Trial, int Rung, double Value)? NextPromotion(IReadOnlyDictionary<int, int> paused)
    {
        (int Trial, int Rung, double Value)? pick = null;
        foreach (var (trial, epoch) in paused)
        {
            if (!_rungs.TryGetValue(epoch, out var rung) || rung.ValueOf(trial) is not { } value)
            {
                continue;
            }

            if (PromotionRule.IsPromotable(rung.CountBetter(value), rung.Count, _eta)
                && (pick is not { } best || epoch > best.Rung || (epoch == best.Rung && (value > best.Value || (value == best.Value && trial < best.Trial)))))
            {
                pick = (trial, epoch, value);
            }
        }

        return pick;
    }

    private sealed class Rung
    {
        private readonly Dictionary<int, double> _byTrial = [];
        private readonly List<double> _sorted = [];

        public int Count => _sorted.Count;

        public double? ValueOf(int trialNumber) => _byTrial.TryGetValue(trialNumber, out var value) ? value : null;

        /// <summary>How many recorded values are strictly better than <paramref name="value"/>.</summary>
        public int CountBetter(double value) => double.IsNaN(value) ? 0 : _sorted.Count - FirstAbove(value);

        /// <summary>Records the trial's value (replacing its earlier one); returns how many other values are strictly better, and how many others there are.</summary>
        public (int Better, int Others) Record(int trialNumber, double objective)
        {
            if (_byTrial.TryGetValue(trialNumber, out var previous))
            {
                _sorted.RemoveAt(_sorted.BinarySearch(previous));
            }

            var above = FirstAbove(objective);
            var better = double.IsNaN(objective) ? 0 : _sorted.Count - above;
            var others = _sorted.Count;
            _sorted.Insert(above, objective);
            _byTrial[trialNumber] = objective;
            return (better, others);
        }

        /// <summary>The index of the first value ordered after <paramref name="value"/> (NaN orders first, as <see cref="double.CompareTo(double)"/> has it).</summary>
        private int FirstAbove(double value)
        {
            int low = 0, high = _sorted.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (_sorted[middle].CompareTo(value) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
