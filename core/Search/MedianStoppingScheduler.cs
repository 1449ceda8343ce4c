using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, Google Vizier; Ray Tune's MedianStoppingRule):
/// at epoch e (from grace_epochs on), a trial stops when its best result so far is worse than the
/// median of the other trials' running averages (mean of epochs 1..e) at e. It judges only when
/// at least <see cref="MinimumOthers"/> other trials have reported epoch e, so the first trials
/// are never stopped on too little evidence.
/// </summary>
public sealed class MedianStoppingScheduler : ISearchScheduler
{
    public const int MinimumOthers = 3;

    private readonly int _graceEpochs;

    // Per trial, its objective per epoch (index epoch - 1).
    private readonly Dictionary<int, List<double>> _curves = [];

    public MedianStoppingScheduler(SweepSpec spec)
        : this(spec.Scheduler.GraceEpochs)
    {
    }

    public MedianStoppingScheduler(int graceEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(graceEpochs, 1);
        _graceEpochs = graceEpochs;
    }

    public SchedulerDecision OnReport(int trialNumber, int epoch, double objective)
    {
        Record(trialNumber, epoch, objective);
        if (epoch < _graceEpochs)
        {
            return SchedulerDecision.Continue;
        }

        var averages = _curves
            .Where(c => c.Key != trialNumber && c.Value.Count >= epoch)
            .Select(c => c.Value.Take(epoch).Average())
            .ToList();
        if (averages.Count < MinimumOthers)
        {
            return SchedulerDecision.Continue;
        }

        double best = _curves[trialNumber].Take(epoch).Max();
        return best < Median(averages) ? SchedulerDecision.Stop : SchedulerDecision.Continue;
    }

    private void Record(int trialNumber, int epoch, double objective)
    {
        if (!_curves.TryGetValue(trialNumber, out var curve) || epoch == 1)
        {
            // Epoch 1 again means a new attempt: its curve replaces the lost one's.
            curve = [];
            _curves[trialNumber] = curve;
        }

        if (epoch <= curve.Count)
        {
            curve.RemoveRange(epoch - 1, curve.Count - epoch + 1);
        }

        // A gap (an epoch never reported) is filled with the last value, so averages stay defined.
        while (curve.Count < epoch - 1)
        {
            curve.Add(curve.Count > 0 ? curve[^1] : objective);
        }

        curve.Add(objective);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
