using HyperSearch.Contracts;
using HyperSearch.Silo.Training;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// Command trials through a real silo: shell scripts stand in for training programs, so each test
/// controls exactly what the process prints, how long it runs and how it ends.
/// </summary>
public sealed class CommandTrialTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Reports score = x for every epoch, slowly; leaves its pid and a child's pid (same group) in its trial directory.</summary>
    public const string SlowScript = """
        echo $$ > "$HYPERSEARCH_TRIAL_DIR/pid"
        sleep 600 > /dev/null 2>&1 &
        echo $! > "$HYPERSEARCH_TRIAL_DIR/child"
        e=1
        while [ $e -le $HYPERSEARCH_MAX_EPOCHS ]; do
          echo "epoch=$e score=$1"
          e=$((e + 1))
          sleep 0.4
        done
        """;

    [Fact]
    public async Task PrunedTrials_TheirProcessGroupsAreGone()
    {
        using var temp = new TempDirectory();
        temp.File("slow.sh", SlowScript);
        // Grid order, best first: every later trial ranks below the earlier ones at the first rung.
        var spec = Spec(temp.Path, "[sh, slow.sh, \"{x}\"]", "x: { choice: [0.6, 0.5, 0.4, 0.3, 0.2, 0.1] }", trials: 6, epochs: 4, extra: "scheduler: { type: asha, grace_epochs: 1, reduction_factor: 2 }\nsearch: { strategy: grid }");
        var run = await RunToEndAsync("prune", temp, slots: 2, spec);
        await using var silo = run.Silo;
        var snapshot = run.Snapshot;

        var pruned = snapshot.Trials.Where(t => t.Status == TrialStatus.Pruned).ToList();
        Assert.NotEmpty(pruned);
        Assert.Contains(snapshot.Trials, t => t.Status == TrialStatus.Completed && t.Epochs.Length == 4);
        Assert.All(pruned, t => Assert.True(t.Epochs.Length < 4));
        foreach (var trial in snapshot.Trials)
        {
            // The leader is reaped; the child it left in its group was killed with it (a zombie until
            // the system's init reaps it, which some containers' inits never do: not running either way).
            Assert.False(IsRunning(ReadPid(silo, "prune", trial, "pid")), $"{trial.TrialId}'s process still runs");
            Assert.False(IsRunning(ReadPid(silo, "prune", trial, "child")), $"{trial.TrialId}'s child process still runs");
        }
    }

    [Fact]
    public async Task FailingScript_FailsWithItsExitCodeAndLastOutput_WhileOthersComplete()
    {
        using var temp = new TempDirectory();
        temp.File("fail.sh", """
            echo "epoch=1 score=$1"
            if [ "$1" = "0.9" ]; then echo "boom: out of memory" >&2; exit 3; fi
            echo "epoch=2 score=$1"
            """);
        var spec = Spec(temp.Path, "[sh, fail.sh, \"{x}\"]", "x: { choice: [0.1, 0.9] }", trials: 2, epochs: 2, extra: "search: { strategy: grid }");
        var run = await RunToEndAsync("fail", temp, slots: 2, spec);
        await using var silo = run.Silo;
        var snapshot = run.Snapshot;

        var failed = Assert.Single(snapshot.Trials, t => t.Status == TrialStatus.Failed);
        Assert.Equal("exit code 3 after epoch 1; last output: boom: out of memory", failed.Message);
        Assert.Single(snapshot.Trials, t => t.Status == TrialStatus.Completed && t.Epochs.Length == 2);
    }

    [Fact]
    public async Task SilentScript_IsKilledAfterTheReportTimeout()
    {
        using var temp = new TempDirectory();
        temp.File("hang.sh", "echo \"epoch=1 score=0.5\"\necho 'thinking hard'\nexec sleep 600\n");
        var spec = Spec(temp.Path, "[sh, hang.sh]", "x: { value: 1 }", trials: 1, epochs: 3, extra: "", reportTimeout: "2s");
        var run = await RunToEndAsync("hang", temp, slots: 1, spec);
        await using var silo = run.Silo;
        var snapshot = run.Snapshot;

        var trial = Assert.Single(snapshot.Trials);
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Equal("no report for 2s (trainer.report_timeout): killed after epoch 1; last output: thinking hard", trial.Message);
    }

    [Fact]
    public async Task GarbageAmongReports_IsLogOutput_AndEveryReportCounts()
    {
        using var temp = new TempDirectory();
        temp.File("noisy.sh", """
            echo "starting: lr=$1"
            echo "epoch=1 score=0.5 train_loss=1.0"
            echo "epoch=abc score=9"
            echo '{"epoch": 2, "score": 0.6, "train_loss": 0.8, "phase": "warm"}'
            echo "{not json"
            printf 'epoch=3 score=0.7 train_loss=0.6\n'
            """);
        var spec = Spec(temp.Path, "[sh, noisy.sh, \"{x}\"]", "x: { value: 0.1 }", trials: 1, epochs: 3, extra: "");
        var run = await RunToEndAsync("noisy", temp, slots: 1, spec);
        await using var silo = run.Silo;
        var snapshot = run.Snapshot;

        var trial = Assert.Single(snapshot.Trials);
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal([0.5, 0.6, 0.7], trial.Epochs.Select(e => e.Get("score")!.Value));
        var log = File.ReadAllLines(Path.Combine(TrialDirectory(silo, "noisy", trial), "output.log"));
        Assert.Equal(["starting: lr=0.1", "epoch=abc score=9", "{not json"], log);
    }

    [Fact]
    public async Task ExplodingLoss_EndsTheTrialAsDiverged()
    {
        using var temp = new TempDirectory();
        temp.File("explode.sh", "echo 'epoch=1 score=0.5 train_loss=1.0'\necho 'epoch=2 score=0.5 train_loss=3.5'\nexec sleep 600\n");
        var spec = Spec(temp.Path, "[sh, explode.sh]", "x: { value: 1 }", trials: 1, epochs: 5, extra: "");
        var run = await RunToEndAsync("explode", temp, slots: 1, spec);
        await using var silo = run.Silo;
        var snapshot = run.Snapshot;

        var trial = Assert.Single(snapshot.Trials);
        Assert.Equal(TrialStatus.Diverged, trial.Status);
        Assert.Equal("train_loss 3.5 at epoch 2 exceeds 3x its first value 1", trial.Message);
    }

    [Fact]
    public async Task CancelledSweep_StopsTheRunningProcess()
    {
        using var temp = new TempDirectory();
        temp.File("slow.sh", SlowScript.Replace("sleep 0.4", "sleep 30", StringComparison.Ordinal));
        var spec = Spec(temp.Path, "[sh, slow.sh, \"{x}\"]", "x: { value: 0.5 }", trials: 1, epochs: 3, extra: "");
        await using var silo = await TestSilo.StartAsync("cancel", slots: 1, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("cancel");
        await sweep.Start(spec);
        while ((await sweep.GetSnapshot()).Trials is not [{ Epochs.Length: > 0 }])
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var cancelled = System.Diagnostics.Stopwatch.StartNew();
        await sweep.Cancel();
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        var trial = Assert.Single(snapshot.Trials);
        Assert.Equal(TrialStatus.Cancelled, trial.Status);
        // Its epochs take 30 s: the stop reached it with a heartbeat, not with its next report.
        Assert.True(cancelled.Elapsed < TimeSpan.FromSeconds(15), $"the cancel took {cancelled.Elapsed}");
        Assert.False(IsRunning(ReadPid(silo, "cancel", trial, "pid")));
        Assert.False(IsRunning(ReadPid(silo, "cancel", trial, "child")));
    }

    /// <summary>Starts a silo of its own (the caller disposes it) and runs <paramref name="spec"/> on it as sweep <paramref name="name"/> to the end.</summary>
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

    private static SweepSpec Spec(string directory, string command, string space, int trials, int epochs, string extra, string reportTimeout = "1m") =>
        SpecParser.Parse($$"""
            name: command-test
            trainer:
              command: {{command}}
              workdir: .
              metrics: [score, train_loss]
              grace: 2s
              report_timeout: {{reportTimeout}}
            budget: { trials: {{trials}}, max_epochs: {{epochs}} }
            {{extra}}
            space:
              {{space}}
            """, new SpecParseOptions { BaseDirectory = directory });

    private static string TrialDirectory(TestSilo silo, string sweepId, TrialRecord trial) =>
        ArtifactPaths.Checkpoint(silo.Settings.ArtifactDirectory!, new TrialKey(sweepId, trial.Number, trial.Attempt));

    private static int ReadPid(TestSilo silo, string sweepId, TrialRecord trial, string file) =>
        ProcessTable.ReadPid(Path.Combine(TrialDirectory(silo, sweepId, trial), file));

    private static bool IsRunning(int pid) => ProcessTable.IsRunning(pid);
}
