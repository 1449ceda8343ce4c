using System.Text.Json;
using System.Text.RegularExpressions;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// `hypersearch resume` after an embedded run's state files were damaged: a sweep whose header or
/// trial page is lost in both copies is refused with one line naming the file (never rerun from
/// scratch); a lost registry is rebuilt from the sweeps' headers and the sweep runs to its exact end.
/// </summary>
public sealed partial class CorruptStateCliTests
{
    private const int Trials = 6;
    private const int Epochs = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TrialPageCorruptInBothCopies_ResumeRefusesNamingTheFile_AndRunsNothing()
    {
        using var temp = new TempDirectory();
        var run = await InterruptedRunAsync(temp);
        var pages = Directory.GetFiles(Path.Combine(run.State, "sweep-trials"));
        Assert.Equal(2, pages.Length);
        Array.ForEach(pages, Garble);
        var damaged = Snapshot(run.State);

        var resumed = await Cli.RunAsync(temp.Path, Timeout, "resume", run.SweepId, "--slots", "1", "--state-dir", run.State);

        AssertRefused(resumed, $"sweep-trials_{run.SweepId}.0.{{0,1}}.state");
        Assert.Equal(damaged, Snapshot(run.State));
    }

    [Fact]
    public async Task SweepHeaderCorruptInBothCopies_ResumeRefusesNamingTheFile()
    {
        using var temp = new TempDirectory();
        var run = await InterruptedRunAsync(temp);
        Array.ForEach(Directory.GetFiles(Path.Combine(run.State, "sweep")), Garble);
        var damaged = Snapshot(run.State);

        var resumed = await Cli.RunAsync(temp.Path, Timeout, "resume", run.SweepId, "--slots", "1", "--state-dir", run.State);

        AssertRefused(resumed, Path.Combine("sweep", $"sweep_{run.SweepId}.{{0,1}}.state"));
        Assert.Equal(damaged, Snapshot(run.State));
    }

    [Fact]
    public async Task RegistryTruncatedInBothCopies_ResumeRebuildsIt_AndFinishesWithExactCounts()
    {
        using var temp = new TempDirectory();
        var run = await InterruptedRunAsync(temp);

        // The oracle: the same stored state, registry intact, resumed from another directory.
        var clean = Path.Combine(temp.Path, "clean");
        CopyDirectory(run.State, Path.Combine(clean, "state"));
        foreach (var file in Directory.GetFiles(Path.Combine(run.State, "registry")))
        {
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..10]);
        }

        var resumed = await Cli.RunAsync(temp.Path, Timeout, "resume", run.SweepId, "--slots", "1", "--state-dir", run.State, "--json");
        // From another working directory, its embedded silo must be allowed to read the script's directory.
        var expected = await Cli.RunDotnetAsync(
            clean, Timeout, new Dictionary<string, string> { ["HYPERSEARCH_ExtraRoots"] = temp.Path },
            Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), "resume", run.SweepId, "--slots", "1", "--state-dir", Path.Combine(clean, "state"), "--json");

        Assert.True(resumed.ExitCode == 0, resumed.StdErr + resumed.StdOut);
        Assert.True(expected.ExitCode == 0, expected.StdErr + expected.StdOut);
        Assert.Contains($"{run.Finished.Count} trials already finished", resumed.StdErr);
        var (summary, wanted) = (Summary(resumed), Summary(expected));
        Assert.Equal(("completed", Trials, Trials), (summary.Status, summary.Total, summary.Completed));

        // Exact: the trials finished before are kept, not rerun, so as many epochs are trained as
        // when the registry was intact (at most all of them, never the whole budget again).
        Assert.Equal(wanted, summary);
        Assert.InRange(summary.EpochsTrained, run.EpochsTrained + ((Trials - run.Finished.Count) * Epochs), (Trials + 1) * Epochs);
        var after = FinishedLine().Matches(resumed.StdErr).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(Trials, after.Count);
        foreach (var (trial, score) in run.Finished)
        {
            Assert.Equal(score, after[trial]);
        }
    }

    private static (string? Status, int Total, int Completed, int EpochsTrained) Summary(Cli.Result result)
    {
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        var trials = root.GetProperty("trials");
        return (root.GetProperty("status").GetString(), trials.GetProperty("total").GetInt32(), trials.GetProperty("completed").GetInt32(), root.GetProperty("epochsTrained").GetInt32());
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void AssertRefused(Cli.Result resumed, string fileName)
    {
        var output = resumed.StdErr + resumed.StdOut;
        Assert.True(resumed.ExitCode == 2, output);
        var line = Assert.Single(resumed.ErrorLines);
        Assert.StartsWith("error: sweep ", line);
        Assert.Contains(fileName, line);
        Assert.Contains("is corrupt (both copies", line);
        Assert.Contains("restore it from a backup", line);
        Assert.DoesNotMatch(FinishedLine(), output);
        Assert.DoesNotContain(" at ", resumed.StdOut);
        Assert.Empty(resumed.OutLines);
    }

    private sealed record class Interrupted(string State, string SweepId, Dictionary<string, string> Finished, int EpochsTrained);

    /// <summary>An embedded run of quick command trials, one slot, interrupted (Ctrl-C) after two trials finished.</summary>
    private static async Task<Interrupted> InterruptedRunAsync(TempDirectory temp)
    {
        temp.File("quick.sh", """
            e=1
            while [ $e -le $HYPERSEARCH_MAX_EPOCHS ]; do
              echo "epoch=$e score=$1"
              e=$((e + 1))
              sleep 0.5
            done
            """);
        var spec = temp.File("sweep.yaml", $$"""
            name: quick
            trainer: { command: [sh, quick.sh, "{x}"], metrics: [score], grace: 2s }
            objective: { metric: score, mode: max }
            budget: { trials: {{Trials}}, max_epochs: {{Epochs}} }
            search: { strategy: random, seed: 3 }
            space:
              x: { uniform: [0, 1] }
            """);
        var state = Path.Combine(temp.Path, "state");
        using var run = ConsoleProcess.Start(temp.Path, "run", spec, "--slots", "1", "--state-dir", state);
        await run.WaitForLineAsync(_ => run.OutLines.Count(l => FinishedLine().IsMatch(l)) >= 2, Timeout);
        run.Interrupt();
        await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        var output = string.Join('\n', run.OutLines);
        Assert.True(run.ExitCode == 130, output);
        var sweepId = ResumeHint().Match(output).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(sweepId), output);
        var finished = FinishedLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.InRange(finished.Count, 2, Trials - 1);
        return new Interrupted(state, sweepId, finished, int.Parse(PausedLine().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Flips the file's last byte (in the payload): same length, wrong hash.</summary>
    private static void Garble(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>The sweep's files and their bytes, to show that a refused resume wrote none (the registry notes the new silo).</summary>
    private static Dictionary<string, string> Snapshot(string state) => new[] { "sweep", "sweep-trials" }
        .SelectMany(d => Directory.GetFiles(Path.Combine(state, d)))
        .ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));

    [GeneratedRegex(@"] (t\d+) completed after 2 epoch\(s\) score=([0-9.]+)")]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"hypersearch resume (\S+)")]
    private static partial Regex ResumeHint();

    [GeneratedRegex(@"(\d+) epochs trained; paused")]
    private static partial Regex PausedLine();
}
