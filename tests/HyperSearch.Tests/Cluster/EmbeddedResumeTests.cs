using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HyperSearch.Tests.Cluster;

/// <summary>An embedded run interrupted with Ctrl-C (SIGINT), then `hypersearch resume`.</summary>
public sealed partial class EmbeddedResumeTests
{
    [Fact]
    public async Task InterruptedRun_ResumesWithEarlierResultsIntact()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("spec.yaml", Specs.SmallYaml(trials: 8, epochs: 3).Replace("train_subset: 1000", "train_subset: 10000"));
        var state = Path.Combine(temp.Path, "state");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), "run", spec, "--slots", "1", "--state-dir", state })
        {
            start.ArgumentList.Add(arg);
        }

        using var run = Process.Start(start)!;
        var lines = new List<string>();
        var twoDone = new TaskCompletionSource();
        run.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
                if (lines.Count(l => FinishedLine().IsMatch(l)) >= 2)
                {
                    twoDone.TrySetResult();
                }
            }
        };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        await twoDone.Task.WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);

        Process.Start("kill", ["-INT", run.Id.ToString()])!.WaitForExit();
        await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(130, run.ExitCode);
        string output;
        lock (lines)
        {
            output = string.Join('\n', lines);
        }

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

    [GeneratedRegex(@"] (t\d+) completed after 3 epoch\(s\) val_accuracy=([0-9.]+)")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"hypersearch resume (\S+)")]
    private static partial Regex ResumeHint();
}
