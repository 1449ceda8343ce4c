using System.Text.RegularExpressions;

namespace HyperSearch.Tests.Cluster;

/// <summary>An embedded run interrupted with Ctrl-C (SIGINT) or SIGTERM, then `hypersearch resume`.</summary>
public sealed partial class EmbeddedResumeTests
{
    [Fact]
    public async Task InterruptedRun_ResumesWithEarlierResultsIntact()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");

        using var run = StartRun(temp, state);
        await run.WaitForLineAsync(_ => run.OutLines.Count(l => FinishedLine().IsMatch(l)) >= 2, TimeSpan.FromMinutes(3));
        run.Interrupt();
        await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(130, run.ExitCode);
        var output = string.Join('\n', run.OutLines);

        var sweepId = ResumeHint().Match(output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(sweepId), output);
        var earlier = FinishedLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        var resumed = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(4), "resume", sweepId, "--slots", "1", "--state-dir", state);

        Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
        var after = FinishedLine().Matches(resumed.StdOut).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(8, after.Count);
        foreach (var (trial, accuracy) in earlier)
        {
            Assert.Equal(accuracy, after[trial]);
        }
    }

    [Fact]
    public async Task TerminatedRun_PausesAndExitsAsCtrlCDoes()
    {
        using var temp = new TempDirectory();

        using var run = StartRun(temp, Path.Combine(temp.Path, "state"));
        await run.WaitForLineAsync(line => FinishedLine().IsMatch(line), TimeSpan.FromMinutes(3));
        run.Terminate();
        // Before the console listened for SIGTERM, the run ended here with exit code 0, unpaused and without a resume hint.
        await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(130, run.ExitCode);
        var output = string.Join('\n', run.OutLines);
        Assert.Contains("paused: finished trials are kept", output);
        Assert.Matches(ResumeHint(), output);
    }

    /// <summary>An embedded run of 8 trials x 3 epochs on one slot: long enough to stop in the middle.</summary>
    private static ConsoleProcess StartRun(TempDirectory temp, string state)
    {
        var spec = temp.File("spec.yaml", Specs.SmallYaml(trials: 8, epochs: 3).Replace("train_subset: 1000", "train_subset: 10000"));
        return ConsoleProcess.Start(temp.Path, "run", spec, "--slots", "1", "--state-dir", state);
    }

    [GeneratedRegex(@"] (t\d+) completed after 3 epoch\(s\) val_accuracy=([0-9.]+)")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"hypersearch resume (\S+)")]
    private static partial Regex ResumeHint();
}
