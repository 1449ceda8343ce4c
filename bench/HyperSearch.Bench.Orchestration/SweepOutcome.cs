using HyperSearch.Sweeps;

namespace HyperSearch.Bench.Orchestration;

/// <summary>What one benchmark sweep did, read from its final snapshot (the sweep grain's own clock).</summary>
public sealed record class SweepOutcome(SweepSnapshot Snapshot, int Slots)
{
    public int Trials => Snapshot.Trials.Length;

    public int Completed => Snapshot.Count(TrialStatus.Completed);

    /// <summary>Trials that ran more than once (a lease lost or an attempt retried): none in a healthy run.</summary>
    public int Retried => Snapshot.Trials.Count(t => t.Attempt > 1);

    /// <summary>From the sweep's creation to its last trial's end.</summary>
    public double WallSeconds => ((Snapshot.FinishedUtc ?? DateTime.UtcNow) - Snapshot.CreatedUtc).TotalSeconds;

    /// <summary>Seconds the trainers spent in epochs (the simulated waits as measured).</summary>
    public double BusySlotSeconds => Snapshot.Trials.Sum(t => t.Epochs.Sum(e => e.Seconds));

    public double Utilization => BusySlotSeconds / (Slots * WallSeconds);

    /// <summary>
    /// Utilization up to the last lease, while trials still waited for slots: what the orchestrator
    /// controls, without the tail in which slots run out of work. A trial counts as busy from its
    /// lease for the seconds its epochs took (the thread starts within a millisecond of the lease).
    /// </summary>
    public double UtilizationWhileQueued
    {
        get
        {
            var start = Snapshot.CreatedUtc;
            var end = Snapshot.Trials.Max(t => t.StartedUtc ?? start);
            var busy = Snapshot.Trials.Where(t => t.StartedUtc is not null).Sum(t =>
            {
                var from = t.StartedUtc!.Value;
                var to = from.AddSeconds(t.Epochs.Sum(e => e.Seconds));
                return Math.Max(0, ((to < end ? to : end) - from).TotalSeconds);
            });
            return busy / (Slots * (end - start).TotalSeconds);
        }
    }

    public double TrialsPerSecond => Trials / WallSeconds;

    public double EpochReportsPerSecond => Snapshot.EpochsTrained / WallSeconds;

    /// <summary>Slots that ran at least one trial.</summary>
    public int SlotsUsed => Snapshot.Trials.Select(t => t.SlotId).Distinct().Count();

    /// <summary>For each slot, ms from the sweep's creation to its first lease: how fast a new sweep fills the cluster.</summary>
    public IReadOnlyList<double> FirstLeaseMs() => Snapshot.Trials
        .Where(t => t.SlotHistory.Length > 0 && t.StartedUtc is not null)
        .GroupBy(t => t.SlotHistory[0])
        .Select(slot => (slot.Min(t => t.StartedUtc!.Value) - Snapshot.CreatedUtc).TotalMilliseconds)
        .ToArray();

    /// <summary>
    /// Each slot's idle time between the end of one trial and the lease of its next, in ms, as the
    /// sweep records it: 0 when the finish brought the next lease (the slot's wait is then the
    /// finish call itself, in the lease-wait figures); longer when the slot had to ask again.
    /// </summary>
    public IReadOnlyList<double> IdleGapsMs() => Snapshot.Trials
        .Where(t => t.SlotId is not null && t.StartedUtc is not null && t.EndedUtc is not null)
        .GroupBy(t => t.SlotId)
        .SelectMany(slot =>
        {
            var ordered = slot.OrderBy(t => t.StartedUtc).ToArray();
            return ordered.Skip(1).Select((t, i) => (t.StartedUtc!.Value - ordered[i].EndedUtc!.Value).TotalMilliseconds);
        })
        .ToArray();
}
