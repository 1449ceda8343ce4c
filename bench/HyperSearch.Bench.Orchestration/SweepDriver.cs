using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Bench.Orchestration;

/// <summary>Starts a sweep and waits for it to end, watching the registry (cheap) rather than snapshots (the whole trial table).</summary>
public static class SweepDriver
{
    public static async Task<SweepOutcome> RunAsync(IGrainFactory grains, string sweepId, SweepSpec spec, int slots, TimeSpan timeout)
    {
        var sweep = grains.GetGrain<ISweepGrain>(sweepId);
        var registry = grains.GetGrain<ISweepRegistryGrain>(0);
        await sweep.Start(spec);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var listing = (await registry.List()).Single(s => s.SweepId == sweepId);
            if (listing.Status != SweepStatus.Running)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                await sweep.Cancel();
                throw new TimeoutException($"sweep {sweepId} did not finish within {timeout}");
            }

            await Task.Delay(50);
        }

        return new SweepOutcome(await sweep.GetSnapshot(), slots);
    }
}
