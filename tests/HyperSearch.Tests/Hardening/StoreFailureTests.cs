using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// The state directory turns read-only, or fills up, in the middle of an embedded sweep (a tmpfs
/// remounted read-only, or out of inodes): the console says so, no new trial starts, no finished
/// trial is lost, and once writes succeed again the sweep goes on to its exact end. Needs root (mount).
/// </summary>
public sealed class StoreFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AReadOnlyStateDirectory_HoldsNewTrials_LosesNoFinishedOne_AndTheSweepGoesOnWhenWritable()
    {
        using var temp = new TempDirectory();
        var mountPoint = Directory.CreateDirectory(Path.Combine(temp.Path, "state-fs")).FullName;
        await MountAsync("-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint);
        try
        {
            const int trials = 8, epochs = 2;
            temp.File("quick.sh", """
                e=1
                while [ $e -le $HYPERSEARCH_MAX_EPOCHS ]; do
                  echo "epoch=$e score=$1"
                  e=$((e + 1))
                  sleep 0.3
                done
                """);
            var spec = temp.File("sweep.yaml", Spec("store-failure", "quick.sh", trials, epochs));
            using var run = ConsoleProcess.Start(temp.Path, "run", spec, "--json", "--slots", "1", "--state-dir", Path.Combine(mountPoint, "state"));

            await run.WaitForLineAsync(l => l.StartsWith($"[2/{trials}]", StringComparison.Ordinal), Timeout);
            await MountAsync("-o", "remount,ro", mountPoint);
            await run.WaitForLineAsync(l => l.Contains("waiting for the state store", StringComparison.Ordinal) && l.Contains("Read-only", StringComparison.Ordinal), Timeout);
            await AssertHeldAsync(run, trials);

            await MountAsync("-o", "remount,rw", mountPoint);
            await AssertFinishedExactlyAsync(run, trials, epochs);
        }
        finally
        {
            await RunAsync("umount", "-l", mountPoint);
        }
    }

    [Fact]
    public async Task AFullStateDirectory_HoldsNewTrials_LosesNoFinishedOne_AndTheSweepGoesOnWhenThereIsRoom()
    {
        using var temp = new TempDirectory();
        var mountPoint = Directory.CreateDirectory(Path.Combine(temp.Path, "state-fs")).FullName;
        // Full by inodes: writes into existing files go on, the first new file fails with ENOSPC. With
        // 32 trials per stored page that is trial 33's page, deterministically.
        await MountAsync("-t", "tmpfs", "-o", "size=16m,nr_inodes=64", "tmpfs", mountPoint);
        try
        {
            const int trials = 40;
            temp.File("once.sh", "echo \"epoch=1 score=$1\"\n");
            var spec = temp.File("sweep.yaml", Spec("store-full", "once.sh", trials, epochs: 1));
            using var run = ConsoleProcess.Start(temp.Path, "run", spec, "--json", "--slots", "1", "--state-dir", Path.Combine(mountPoint, "state"));

            await run.WaitForLineAsync(l => l.StartsWith($"[2/{trials}]", StringComparison.Ordinal), Timeout);
            var filler = Directory.CreateDirectory(Path.Combine(mountPoint, "filler")).FullName;
            FillInodes(filler);
            await run.WaitForLineAsync(l => l.Contains("waiting for the state store", StringComparison.Ordinal) && l.Contains("No space left", StringComparison.Ordinal), Timeout);
            await AssertHeldAsync(run, trials);

            Directory.Delete(filler, recursive: true);
            // The trial leased by the write that failed runs once its lease expires (30 s).
            await AssertFinishedExactlyAsync(run, trials, epochs: 1);
        }
        finally
        {
            await RunAsync("umount", "-l", mountPoint);
        }
    }

    private static string Spec(string name, string script, int trials, int epochs) => $$"""
        name: {{name}}
        trainer: { command: [sh, {{script}}, "{x}"], metrics: [score], grace: 2s }
        budget: { trials: {{trials}}, max_epochs: {{epochs}} }
        search: { strategy: random, seed: 1 }
        space:
          x: { uniform: [0, 1] }
        """;

    /// <summary>While the store fails, the trial that was running may finish (its result kept in memory); no other starts.</summary>
    private static async Task AssertHeldAsync(ConsoleProcess run, int trials)
    {
        // The console prints the store's problem before the trials of the same update that finished
        // before it: let those lines arrive, then count.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var finished = Finished(run, trials);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.InRange(Finished(run, trials), finished, finished + 1);
        Assert.True(Finished(run, trials) < trials);
    }

    /// <summary>The run ends well, says the state is written again, and every trial ran exactly once.</summary>
    private static async Task AssertFinishedExactlyAsync(ConsoleProcess run, int trials, int epochs)
    {
        await run.WaitForExitAsync(Timeout);
        var log = string.Join('\n', run.ErrorLines);
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {log}");
        Assert.Contains("written again", log, StringComparison.Ordinal);
        var summary = JsonNode.Parse(run.OutLines[^1])!;
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(trials, (int?)summary["trials"]!["completed"]);
        Assert.Equal(trials * epochs, (int?)summary["epochsTrained"]);
    }

    /// <summary>Creates empty files until the file system has no inode left.</summary>
    private static void FillInodes(string directory)
    {
        for (var i = 0; i < 100_000; i++)
        {
            try
            {
                File.Create(Path.Combine(directory, $"f{i}")).Dispose();
            }
            catch (IOException)
            {
                return;
            }
        }

        Assert.Fail("the file system never ran out of inodes");
    }

    private static int Finished(ConsoleProcess run, int trials) =>
        run.ErrorLines.Count(l => l.StartsWith('[') && l.Contains($"/{trials}] ", StringComparison.Ordinal));

    private static Task MountAsync(params string[] args) => RunAsync("mount", args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var result = await Cli.RunProcessAsync(Path.GetTempPath(), TimeSpan.FromSeconds(30), program, args);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {result.ExitCode}: {result.StdErr} (this test needs root)");
    }
}
