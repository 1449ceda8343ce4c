using System.Diagnostics;
using HyperSearch.Client.Cluster;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// An embedded silo owns its state directory (client/Cluster/StateDirectoryLock.cs): a second
/// command there joins it or is refused, a lock left by a killed process is taken, and the two
/// never write one state file.
/// </summary>
public sealed class StateDirLockTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private const string StepScript = """
        e=1
        while [ $e -le $HYPERSEARCH_MAX_EPOCHS ]; do
          echo "epoch=$e score=$1"
          e=$((e + 1))
          sleep 0.3
        done
        """;

    [Fact]
    public async Task SecondRun_InTheSameStateDir_JoinsTheFirstsSilo_AndBothComplete()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        temp.File("step.sh", StepScript);
        var longSpec = temp.File("long.yaml", Spec("long", trials: 10, epochs: 6));
        var shortSpec = temp.File("short.yaml", Spec("short", trials: 2, epochs: 1));

        using var first = ConsoleProcess.Start(temp.Path, "run", longSpec, "--slots", "2", "--state-dir", state);
        await first.WaitForLineAsync(line => line.Contains("started (embedded silo", StringComparison.Ordinal), Timeout);
        var second = await Cli.RunAsync(temp.Path, Timeout, "run", shortSpec, "--slots", "2", "--state-dir", state);
        await first.WaitForExitAsync(Timeout);

        // Before the lock, the second run started a silo of its own on the directory, paused the
        // first run's sweep as an orphan, and the first run never leased again.
        Assert.True(second.ExitCode == 0, second.StdErr + second.StdOut);
        Assert.Contains($"started (the embedded silo of process {first.Id}", second.StdOut);
        Assert.Equal(2, second.OutLines.Count(l => l.Contains(" completed after 1 epoch", StringComparison.Ordinal)));
        var firstOutput = string.Join('\n', first.OutLines);
        Assert.True(first.ExitCode == 0, firstOutput + string.Join('\n', first.ErrorLines));
        Assert.Equal(10, first.OutLines.Count(l => l.Contains(" completed after 6 epoch", StringComparison.Ordinal)));
        Assert.False(File.Exists(Path.Combine(state, StateDirectoryLock.OwnerFileName)), "the owner line outlived its process");
    }

    [Fact]
    public async Task Report_WhileARunGoes_ReadsThroughTheRunsSilo()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        temp.File("step.sh", StepScript);
        var spec = temp.File("long.yaml", Spec("long", trials: 6, epochs: 6));
        using var run = ConsoleProcess.Start(temp.Path, "run", spec, "--slots", "2", "--state-dir", state);
        await run.WaitForLineAsync(line => line.Contains("started (embedded silo", StringComparison.Ordinal), Timeout);
        var sweepId = run.OutLines.First(l => l.Contains("started (embedded silo", StringComparison.Ordinal)).Split(' ')[1];

        var report = await Cli.RunAsync(temp.Path, Timeout, "report", sweepId, "--output", Path.Combine(temp.Path, "report.html"), "--state-dir", state);
        await run.WaitForExitAsync(Timeout);

        Assert.True(report.ExitCode == 0, report.StdErr + report.StdOut);
        Assert.Contains(sweepId, File.ReadAllText(Path.Combine(temp.Path, "report.html")));
        Assert.True(run.ExitCode == 0, string.Join('\n', run.OutLines.Concat(run.ErrorLines)));
        Assert.Equal(6, run.OutLines.Count(l => l.Contains(" completed after 6 epoch", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_BesideASiloThatTrainsNothing_IsRefusedWithOneLineNamingThePidAndStateDir()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        temp.File("step.sh", StepScript);
        var spec = temp.File("short.yaml", Spec("short", trials: 1, epochs: 1));
        using var ui = ConsoleProcess.Start(temp.Path, "ui", "--port", TestSilo.FreePort().ToString(), "--state-dir", state);
        await ui.WaitForLineAsync(line => line.StartsWith("explorer:", StringComparison.Ordinal), Timeout);

        var run = await Cli.RunAsync(temp.Path, Timeout, "run", spec, "--state-dir", state);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: --state-dir {state} is in use by process {ui.Id} (gateway 127.0.0.1:", line);
        Assert.Contains("which trains nothing", line);
        Assert.Empty(Directory.GetDirectories(state, "sweep"));
    }

    [Fact]
    public async Task LockOfAKilledRun_IsTakenOver()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        temp.File("step.sh", StepScript);
        var longSpec = temp.File("long.yaml", Spec("long", trials: 8, epochs: 20));
        var shortSpec = temp.File("short.yaml", Spec("short", trials: 1, epochs: 1));
        using (var killed = ConsoleProcess.Start(temp.Path, "run", longSpec, "--slots", "1", "--state-dir", state))
        {
            await killed.WaitForLineAsync(line => line.Contains("started (embedded silo", StringComparison.Ordinal), Timeout);
            Assert.Equal(killed.Id, StateDirectoryLock.ReadOwner(state)?.Pid);
            Process.Start("kill", ["-KILL", killed.Id.ToString()])!.WaitForExit();
            await killed.WaitForExitAsync(Timeout);
        }

        // The killed run's owner line is still there; its lock went with its process.
        Assert.True(File.Exists(Path.Combine(state, StateDirectoryLock.OwnerFileName)));
        var run = await Cli.RunAsync(temp.Path, Timeout, "run", shortSpec, "--state-dir", state);

        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
        Assert.Contains("started (embedded silo", run.StdOut);
        Assert.Single(run.OutLines, l => l.Contains(" completed after 1 epoch", StringComparison.Ordinal));
    }

    private static string Spec(string name, int trials, int epochs) => $$"""
        name: {{name}}
        trainer: { command: [sh, step.sh, "{x}"], metrics: [score] }
        budget: { trials: {{trials}}, max_epochs: {{epochs}} }
        search: { strategy: random, seed: 5 }
        space:
          x: { uniform: [0.1, 0.9] }
        """;
}
