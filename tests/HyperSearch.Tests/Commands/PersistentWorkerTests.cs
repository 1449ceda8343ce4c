using HyperSearch.Contracts;
using HyperSearch.Silo.Training;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// Persistent command workers (<c>persistent: true</c>) through a real silo: a Python script using
/// the repository's hypersearch module (python/) trains trial after trial in one process; the
/// tests kill it, hang it and prune its trials, and check that nothing it started outlives the silo.
/// </summary>
public sealed class PersistentWorkerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Reports score = x each epoch; writes its pid and a child's into every trial directory; on the
    /// first attempt of trial x = KILL_X it SIGKILLs itself during epoch 2, of x = HANG_X it hangs.
    /// </summary>
    private const string Worker = """
        import os, signal, subprocess, sys, time
        import hypersearch

        child = subprocess.Popen(["sleep", "600"])
        for trial in hypersearch.trials():
            for name, value in (("pid", os.getpid()), ("child", child.pid)):
                with open(os.path.join(trial.dir, name), "w") as f:
                    f.write(str(value))
            x = float(trial.params["x"])
            for epoch in range(1, trial.max_epochs + 1):
                time.sleep(float(os.environ.get("EPOCH_SECONDS", "0")))
                for fault in ("KILL_X", "HANG_X"):
                    marker = "%s-%s" % (fault, x)
                    if epoch == 2 and os.environ.get(fault) == str(x) and not os.path.exists(marker):
                        open(marker, "w").close()
                        if fault == "KILL_X":
                            os.kill(os.getpid(), signal.SIGKILL)
                        time.sleep(600)
                if trial.report(epoch, score=x):
                    with open(os.path.join(trial.dir, "stopped-at"), "w") as f:
                        f.write(str(epoch))
                    break
        """;

    [Fact]
    public async Task PersistentWorker_RunsTwentyTrialsInOneProcess()
    {
        using var temp = new TempDirectory();
        temp.File("worker.py", Worker);
        var spec = Spec(temp.Path, "x: { uniform: [0.0, 1.0] }", trials: 20, epochs: 2, extra: "search: { strategy: random, seed: 5 }");
        var (silo, snapshot) = await RunToEndAsync("twenty", temp, slots: 1, spec);
        int[] pids;
        await using (silo)
        {
            Assert.Equal(20, snapshot.Trials.Count(t => t.Status == TrialStatus.Completed && t.Epochs.Length == 2));
            pids = [.. snapshot.Trials.Select(t => ReadPid(silo, "twenty", t, "pid")).Distinct()];
            Assert.Single(pids);
        }

        AssertGone(temp, silo, "twenty", snapshot);
    }

    [Fact]
    public async Task MaxTrialsPerProcess_RecyclesTheWorker()
    {
        using var temp = new TempDirectory();
        temp.File("worker.py", Worker);
        var spec = Spec(temp.Path, "x: { choice: [1, 2, 3, 4, 5] }", trials: 5, epochs: 1, extra: "search: { strategy: grid }", maxTrials: 2);
        var (silo, snapshot) = await RunToEndAsync("recycled", temp, slots: 1, spec);
        await using (silo)
        {
            Assert.Equal(5, snapshot.Trials.Count(t => t.Status == TrialStatus.Completed));
            var byWorker = snapshot.Trials.GroupBy(t => ReadPid(silo, "recycled", t, "pid")).Select(g => g.Count()).Order();
            Assert.Equal([1, 2, 2], byWorker);
        }

        AssertGone(temp, silo, "recycled", snapshot);
    }

    [Fact]
    public async Task KilledWorker_ItsTrialRunsAgainOnAFreshWorker_AndTheSweepCompletes()
    {
        using var temp = new TempDirectory();
        temp.File("worker.py", Worker);
        var spec = Spec(temp.Path, "x: { choice: [1, 2, 3, 4] }", trials: 4, epochs: 3, extra: "search: { strategy: grid }", env: "KILL_X: \"3.0\"");
        var (silo, snapshot) = await RunToEndAsync("killed", temp, slots: 1, spec);
        await using (silo)
        {
            Assert.Equal(4, snapshot.Trials.Count(t => t.Status == TrialStatus.Completed));
            var killed = Assert.Single(snapshot.Trials, t => t.Attempt > 1);
            Assert.Equal(3.0, killed.Epochs[^1].Get("score"));
            Assert.Equal(3, killed.Epochs[^1].Epoch);
            var first = ProcessTable.ReadPid(Path.Combine(TrialDirectory(silo, "killed", killed with { Attempt = 1 }), "pid"));
            Assert.NotEqual(first, ReadPid(silo, "killed", killed, "pid"));
            Assert.False(ProcessTable.IsRunning(first));

            // Only the killed trial was lost: the others ran on the first or the fresh worker.
            Assert.Equal(2, snapshot.Trials.Select(t => ReadPid(silo, "killed", t, "pid")).Distinct().Count());
        }

        AssertGone(temp, silo, "killed", snapshot);
    }

    [Fact]
    public async Task HungWorker_IsKilledAfterTheReportTimeout_AndReplaced()
    {
        using var temp = new TempDirectory();
        temp.File("worker.py", Worker);
        var spec = Spec(temp.Path, "x: { choice: [1, 2, 3] }", trials: 3, epochs: 3, extra: "search: { strategy: grid }", env: "HANG_X: \"2.0\"", reportTimeout: "3s");
        var (silo, snapshot) = await RunToEndAsync("hung", temp, slots: 1, spec);
        await using (silo)
        {
            Assert.Equal(3, snapshot.Trials.Count(t => t.Status == TrialStatus.Completed));
            var hung = Assert.Single(snapshot.Trials, t => t.Attempt > 1);
            Assert.Equal(2.0, hung.Epochs[^1].Get("score"));
            var first = ProcessTable.ReadPid(Path.Combine(TrialDirectory(silo, "hung", hung with { Attempt = 1 }), "pid"));
            Assert.NotEqual(first, ReadPid(silo, "hung", hung, "pid"));
            Assert.False(ProcessTable.IsRunning(first), "the hung worker still runs");
        }

        AssertGone(temp, silo, "hung", snapshot);
    }

    [Fact]
    public async Task PrunedTrial_TheStopReachesTheScriptBetweenEpochs_AndTheWorkerGoesOn()
    {
        using var temp = new TempDirectory();
        temp.File("worker.py", Worker);
        // Grid order, best first: every later trial ranks below the earlier ones at the first rung.
        var spec = Spec(
            temp.Path, "x: { choice: [0.6, 0.5, 0.4, 0.3, 0.2, 0.1] }", trials: 6, epochs: 4,
            extra: "scheduler: { type: asha, grace_epochs: 1, reduction_factor: 2 }\nsearch: { strategy: grid }", env: "EPOCH_SECONDS: \"0.2\"");
        var (silo, snapshot) = await RunToEndAsync("pruned", temp, slots: 2, spec);
        await using (silo)
        {
            var pruned = snapshot.Trials.Where(t => t.Status == TrialStatus.Pruned).ToList();
            Assert.NotEmpty(pruned);
            Assert.Contains(snapshot.Trials, t => t.Status == TrialStatus.Completed && t.Epochs.Length == 4);
            foreach (var trial in pruned)
            {
                // The script read "stop" as the answer to its last report, and left its loop there.
                var stoppedAt = File.ReadAllText(Path.Combine(TrialDirectory(silo, "pruned", trial), "stopped-at"));
                Assert.Equal(trial.Epochs[^1].Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture), stoppedAt);
            }

            // No worker was killed for it: two slots, two processes for all six trials.
            Assert.InRange(snapshot.Trials.Select(t => ReadPid(silo, "pruned", t, "pid")).Distinct().Count(), 1, 2);
        }

        AssertGone(temp, silo, "pruned", snapshot);
    }

    /// <summary>After the silo stopped: no worker and no child of one runs, and no process is left in the test's directory.</summary>
    private static void AssertGone(TempDirectory temp, TestSilo silo, string sweepId, SweepSnapshot snapshot)
    {
        var grace = TimeSpan.FromSeconds(2);
        foreach (var trial in snapshot.Trials)
        {
            foreach (var file in new[] { "pid", "child" })
            {
                var pid = ReadPid(silo, sweepId, trial, file);
                Assert.True(ProcessTable.IsGoneWithin(pid, grace), $"{trial.TrialId}'s {file} {pid} still runs: {ProcessTable.Describe(pid)}");
            }
        }

        Assert.Empty(ProcessTable.RunningWithArgument(Path.Combine(temp.Path, "worker.py")).Concat(ProcessTable.RunningIn(temp.Path)));
    }

    private static async Task<(TestSilo Silo, SweepSnapshot Snapshot)> RunToEndAsync(string name, TempDirectory temp, int slots, SweepSpec spec)
    {
        var silo = await TestSilo.StartAsync(name, slots, temp.Path);
        try
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>(name);
            await sweep.Start(spec);
            return (silo, await SweepWaiter.WaitFinishedAsync(sweep, Timeout));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static SweepSpec Spec(
        string directory, string space, int trials, int epochs, string extra, string env = "", string reportTimeout = "1m", int? maxTrials = null) =>
        SpecParser.Parse($$"""
            name: persistent-test
            trainer:
              command: [/usr/bin/python3, {{Path.Combine(directory, "worker.py")}}]
              workdir: .
              env: { PYTHONPATH: {{RepoFiles.PathOf("python")}}{{(env.Length == 0 ? "" : ", " + env)}} }
              metrics: [score]
              grace: 2s
              report_timeout: {{reportTimeout}}
              persistent: true
              {{(maxTrials is { } most ? $"max_trials_per_process: {most}" : "")}}
            budget: { trials: {{trials}}, max_epochs: {{epochs}} }
            {{extra}}
            space:
              {{space}}
            """, new SpecParseOptions { BaseDirectory = directory });

    private static string TrialDirectory(TestSilo silo, string sweepId, TrialRecord trial) =>
        ArtifactPaths.Checkpoint(silo.Settings.ArtifactDirectory!, new TrialKey(sweepId, trial.Number, trial.Attempt));

    private static int ReadPid(TestSilo silo, string sweepId, TrialRecord trial, string file) =>
        ProcessTable.ReadPid(Path.Combine(TrialDirectory(silo, sweepId, trial), file));
}
