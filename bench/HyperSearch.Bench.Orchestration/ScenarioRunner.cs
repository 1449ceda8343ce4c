using System.Text.Json.Nodes;
using HyperSearch.Spec;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// Runs one measured sweep on freshly started silos: a warm-up sweep first (JIT, activations), then
/// the sweep itself with the recorders reset, and returns its figures as JSON.
/// </summary>
public sealed class ScenarioRunner(CallRecorder recorder, bool explorer = false)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    /// <param name="slots">Trainer slots per silo.</param>
    public async Task<(SweepOutcome Outcome, JsonObject Figures)> RunAsync(
        string name, IReadOnlyList<int> slots, TimeSpan epoch, bool redis, SweepSpec spec, double jitter = 0)
    {
        var directory = Directory.CreateTempSubdirectory("hypersearch-bench-");
        var before = MemoryNow();
        try
        {
            using var redisProcess = redis ? await RedisProcess.StartAsync(directory.FullName) : null;
            await using var cluster = await BenchCluster.StartAsync(slots, epoch, jitter, directory.FullName, redisProcess?.Connection, recorder);
            var warmUp = BenchSpecs.Random("warm-up", Math.Max(cluster.Slots, 50), 1);
            // With --explorer, a browser shows the sweep's page (live) while it runs: the warm-up's
            // too, so the measured sweep meets a warm explorer (JIT, browser), as a UI left open would be.
            await using var watcher = explorer ? await ExplorerWatcher.StartAsync(cluster.Grains) : null;
            var warming = watcher?.WatchAsync($"{name}-warm-up");
            await SweepDriver.RunAsync(cluster.Grains, $"{name}-warm-up", warmUp, cluster.Slots, Timeout);
            if (warming is not null)
            {
                await warming;
            }

            recorder.Reset();
            var load = Stats.LoadAverage();
            var sampler = new ProcessSampler(TimeSpan.FromMilliseconds(250));
            SweepOutcome outcome;
            try
            {
                var watching = watcher?.WatchAsync(name);
                outcome = await SweepDriver.RunAsync(cluster.Grains, name, spec, cluster.Slots, Timeout);
                if (watching is not null)
                {
                    await watching;
                }
            }
            finally
            {
                await sampler.DisposeAsync();
            }

            // What the silos hold with the sweep done and its state still loaded, over what this
            // process held before they started (earlier scenarios' heaps are collected by then).
            var after = MemoryNow();
            var process = new JsonObject
            {
                ["residentMiBPerSilo"] = Stats.Round((after.Resident - before.Resident) / 1048576.0 / slots.Count, 1),
                ["managedMiBPerSilo"] = Stats.Round((after.Managed - before.Managed) / 1048576.0 / slots.Count, 1),
                ["peakResidentMiB"] = Stats.Round(sampler.PeakResidentBytes / 1048576.0, 1),
                ["peakManagedMiB"] = Stats.Round(sampler.PeakManagedBytes / 1048576.0, 1),
                ["peakThreads"] = sampler.PeakThreads,
                ["cpuSeconds"] = Stats.Round(sampler.CpuTime.TotalSeconds, 2),
                ["cpuMsPerTrial"] = Stats.Round(sampler.CpuTime.TotalMilliseconds / Math.Max(1, outcome.Trials), 3),
            };

            var figures = Figures(outcome, slots, epoch, redis, load, process);
            if (watcher is not null)
            {
                figures["explorerPageRenders"] = await watcher.RendersAsync();
            }

            figures["epochJitter"] = jitter;
            return (outcome, figures);
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Resident and managed bytes after a full collection.</summary>
    private static (long Resident, long Managed) MemoryNow()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return (process.WorkingSet64, managed);
    }

    private JsonObject Figures(SweepOutcome outcome, IReadOnlyList<int> slots, TimeSpan epoch, bool redis, double loadBefore, JsonObject process)
    {
        var gaps = outcome.IdleGapsMs();
        var leases = recorder.Latencies(LeaseWaitListener.Side, LeaseWaitListener.Method);

        // The first wave: every slot asks at the start at once (latencies are kept in completion order).
        var steady = leases.Skip(outcome.Slots).ToArray();
        return new JsonObject
        {
            ["silos"] = slots.Count,
            ["slots"] = outcome.Slots,
            ["state"] = redis ? "redis (3-silo cluster)" : "files (embedded)",
            ["trials"] = outcome.Trials,
            ["completed"] = outcome.Completed,
            ["retried"] = outcome.Retried,
            ["slotsUsed"] = outcome.SlotsUsed,
            ["epochsPerTrial"] = outcome.Snapshot.Spec!.Budget.MaxEpochs,
            ["epochSeconds"] = epoch.TotalSeconds,
            ["wallSeconds"] = Stats.Round(outcome.WallSeconds, 3),
            ["trialsPerSecond"] = Stats.Round(outcome.TrialsPerSecond, 1),
            ["epochReportsPerSecond"] = Stats.Round(outcome.EpochReportsPerSecond, 1),
            ["utilization"] = Stats.Round(outcome.Utilization, 4),
            ["utilizationWhileQueued"] = Stats.Round(outcome.UtilizationWhileQueued, 4),
            ["leaseMs"] = new JsonObject
            {
                ["count"] = leases.Count,
                ["p50"] = Stats.Round(Stats.Percentile(leases, 50), 2),
                ["p99"] = Stats.Round(Stats.Percentile(leases, 99), 2),
                ["max"] = Stats.Round(Stats.Percentile(leases, 100), 2),
                ["p50AfterFirstWave"] = Stats.Round(Stats.Percentile(steady, 50), 2),
                ["p99AfterFirstWave"] = Stats.Round(Stats.Percentile(steady, 99), 2),
            },
            ["firstLeaseMs"] = new JsonObject
            {
                ["p50"] = Stats.Round(Stats.Percentile(outcome.FirstLeaseMs(), 50), 2),
                ["p99"] = Stats.Round(Stats.Percentile(outcome.FirstLeaseMs(), 99), 2),
                ["max"] = Stats.Round(Stats.Percentile(outcome.FirstLeaseMs(), 100), 2),
            },
            ["idleGapMs"] = new JsonObject
            {
                ["p50"] = Stats.Round(Stats.Percentile(gaps, 50), 2),
                ["p99"] = Stats.Round(Stats.Percentile(gaps, 99), 2),
            },
            ["process"] = process,
            ["callsPerTrial"] = Breakdown("out", outcome.Trials),
            ["grainTurnMs"] = Breakdown("in", outcome.Trials, meanOnly: true),
            ["storagePerTrial"] = Breakdown("storage", outcome.Trials),
            ["loadAverageBefore"] = loadBefore,
            ["loadAverageAfter"] = Stats.LoadAverage(),
        };
    }

    private JsonObject Breakdown(string side, int trials, bool meanOnly = false)
    {
        var json = new JsonObject();
        foreach (var (method, (calls, mean)) in recorder.Summary(side))
        {
            json[method] = meanOnly
                ? Stats.Round(mean, 3)
                : new JsonObject { ["perTrial"] = Stats.Round((double)calls / trials, 3), ["meanMs"] = Stats.Round(mean, 3) };
        }

        return json;
    }
}
