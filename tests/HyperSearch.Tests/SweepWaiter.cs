using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

public static class SweepWaiter
{
    /// <summary>Polls a sweep until it has finished, failing the test after <paramref name="timeout"/>.</summary>
    public static async Task<SweepSnapshot> WaitFinishedAsync(ISweepGrain sweep, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // A silo may die under the test: its grains come back elsewhere within seconds.
            var snapshot = await Resilient.CallAsync(sweep.GetSnapshot, TestContext.Current.CancellationToken);
            if (snapshot.IsFinished)
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sweep did not finish in {timeout}: {string.Join(", ", snapshot.Trials.Select(t => $"{t.TrialId}={t.Status}"))}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls a sweep until <paramref name="found"/> finds something in its snapshot, failing the test after <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitForAsync<T>(ISweepGrain sweep, Func<SweepSnapshot, T?> found, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await Resilient.CallAsync(sweep.GetSnapshot, TestContext.Current.CancellationToken);
            if (found(snapshot) is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < deadline, "the awaited state never came: " + string.Join(", ", snapshot.Trials.Select(t => $"{t.TrialId}={t.Status}@{t.SlotId}")));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
