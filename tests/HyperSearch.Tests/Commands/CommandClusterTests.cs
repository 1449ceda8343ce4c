using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Silo.Training;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.Commands;

/// <summary>A command trial on a silo that is SIGKILLed: its process and the process it started die with the silo, and the trial runs again elsewhere.</summary>
public sealed class CommandClusterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task KilledSilo_TakesItsTrialsProcessesAlong_AndTheTrialRunsElsewhere()
    {
        using var temp = new TempDirectory();
        temp.File("slow.sh", CommandTrialTests.SlowScript.Replace("sleep 0.4", "sleep 1", StringComparison.Ordinal));
        using var redis = await RedisServer.StartAsync(temp.Path);
        // Command trials are opt-in on a cluster silo: sh only.
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, extraArgs: ["--allow-commands", "sh"]);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path, extraArgs: ["--allow-commands", "sh"]);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("command-kill");
        await sweep.Start(SpecParser.Parse("""
            name: command-kill
            trainer: { command: [sh, slow.sh, "{x}"], metrics: [score], grace: 2s }
            budget: { trials: 2, max_epochs: 4 }
            search: { strategy: grid }
            space:
              x: { choice: [0.1, 0.2] }
            """, new SpecParseOptions { BaseDirectory = temp.Path }));

        var victim = await WaitForAsync(sweep, s => s.Trials.FirstOrDefault(t => t.Status == TrialStatus.Running && t.SlotId!.StartsWith("s2/", StringComparison.Ordinal) && t.Epochs.Length >= 1));
        var attemptDirectory = ArtifactPaths.Checkpoint(Path.Combine(temp.Path, ".hypersearch", "artifacts"), new TrialKey("command-kill", victim.Number, victim.Attempt));
        var pid = ProcessTable.ReadPid(Path.Combine(attemptDirectory, "pid"));
        var child = ProcessTable.ReadPid(Path.Combine(attemptDirectory, "child"));
        Assert.True(ProcessTable.IsRunning(pid));
        Assert.True(ProcessTable.IsRunning(child));
        s2.Kill();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((ProcessTable.IsRunning(pid) || ProcessTable.IsRunning(child)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.False(ProcessTable.IsRunning(pid), "the trial's process outlived its SIGKILLed silo");
        Assert.False(ProcessTable.IsRunning(child), "the trial's own child process outlived the SIGKILLed silo");
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);
        Assert.All(snapshot.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        var rerun = snapshot.Trials[victim.Number];
        Assert.Equal(victim.Attempt + 1, rerun.Attempt);
        Assert.StartsWith("s1/", rerun.SlotHistory[^1]);
        Assert.Equal([1, 2, 3, 4], rerun.Epochs.Select(e => e.Epoch));
    }

    private static Task<T> WaitForAsync<T>(ISweepGrain sweep, Func<SweepSnapshot, T?> found)
        where T : class => SweepWaiter.WaitForAsync(sweep, found, Timeout);
}
