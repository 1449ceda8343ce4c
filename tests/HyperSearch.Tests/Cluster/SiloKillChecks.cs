using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// What the kill-a-silo tests share: waiting until a trial on the doomed silo has reported enough
/// epochs to have a checkpoint past the first, and checking that after the kill every trial
/// finished with each epoch once and the victim resumed on the other silo from a checkpoint.
/// </summary>
internal static class SiloKillChecks
{
    /// <summary>A trial running on a slot of <paramref name="siloPrefix"/> (e.g. "s2/") with at least <paramref name="epochs"/> epochs reported.</summary>
    public static Task<TrialRecord> RunningTrialOnAsync(ISweepGrain sweep, string siloPrefix, int epochs, TimeSpan timeout) =>
        SweepWaiter.WaitForAsync(
            sweep,
            s => s.Trials.FirstOrDefault(t => t.Status == TrialStatus.Running && t.SlotId!.StartsWith(siloPrefix, StringComparison.Ordinal) && t.Epochs.Length >= epochs),
            timeout);

    /// <summary>
    /// Asserts the sweep completed with each trial's epochs 1..<paramref name="maxEpochs"/> exactly
    /// once, and that <paramref name="victim"/> ran one more attempt, last on <paramref name="survivorPrefix"/>,
    /// resumed once; returns the epoch it resumed from.
    /// </summary>
    public static int AssertResumedOnce(SweepSnapshot snapshot, TrialRecord victim, int maxEpochs, string survivorPrefix)
    {
        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.All(snapshot.Trials, t =>
        {
            Assert.Equal(TrialStatus.Completed, t.Status);
            Assert.Equal(Enumerable.Range(1, maxEpochs), t.Epochs.Select(e => e.Epoch)); // each epoch exactly once
        });
        var resumed = snapshot.Trials[victim.Number];
        Assert.Equal(victim.Attempt + 1, resumed.Attempt);
        Assert.StartsWith(survivorPrefix, resumed.SlotHistory[^1], StringComparison.Ordinal);
        return Assert.Single(resumed.ResumedFrom!);
    }
}
