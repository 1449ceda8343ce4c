using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// The state directory turns read-only, or fills up, in the middle of an embedded sweep (a tmpfs
/// remounted read-only, or out of inodes): the console says so, no new trial starts, no finished
/// trial is lost, and once writes succeed again the sweep goes on to its exact end. Needs root (mount).
/// </summary>
public sealed class StoreFailureTests
{
    private const int Trials = 8;
    private const int Epochs = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AReadOnlyStateDirectory_HoldsNewTrials_LosesNoFinishedOne_AndTheSweepGoesOnWhenWritable()
    {
        using var temp = new TempDirectory();
        var mountPoint = Directory.CreateDirectory(Path.Combine(temp.Path, "state-fs")).FullName;
        await MountAsync("-t", "tmpfs", "-o", "size=16m", "tmpfs", mountPoint);
        try
        {
            temp.File("quick.sh", """
                e=1
                while [ $e -le $HYPERSEARCH_MAX_EPOCHS ]; do
                  echo "epoch=$e score=$1"
                  e=$((e + 1))
                  sleep 0.3
                done
                """);
            var spec = temp.File("sweep.yaml", $$"""
                name: store-failure
                trainer: { command: [sh, quick.sh, "{x}"], metrics: [score], grace: 2s }
                budget: { trials: {{Trials}}, max_epochs: {{Epochs}} }
                search: { strategy: random, seed: 1 }
                space:
                  x: { uniform: [0, 1] }
                """);
            var lines = new List<string>();
            using var process = StartRun(temp.Path, spec, Path.Combine(mountPoint, "state"), lines, out var stdout);

            await WaitForLineAsync(lines, l => l.StartsWith($"[2/{Trials}]", StringComparison.Ordinal));
            await MountAsync("-o", "remount,ro", mountPoint);
            await WaitForLineAsync(lines, l => l.Contains("waiting for the state store", StringComparison.Ordinal) && l.Contains("Read-only", StringComparison.Ordinal));
            var finishedWhenItFailed = Finished(lines);
            await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            // The trial that was running may finish (its result kept in memory); no other starts.
            Assert.InRange(Finished(lines), finishedWhenItFailed, finishedWhenItFailed + 1);
            Assert.True(Finished(lines) < Trials);

            await MountAsync("-o", "remount,rw", mountPoint);
            using var cancel = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(cancel.Token);
            var output = await stdout;

            var all = Snapshot(lines);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {all}");
            Assert.Contains(all, l => l.Contains("written again", StringComparison.Ordinal));
            var summary = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
            Assert.Equal("completed", (string?)summary["status"]);
            Assert.Equal(Trials, (int?)summary["trials"]!["completed"]);
            // Every trial ran once, nothing was lost and rerun.
            Assert.Equal(Trials * Epochs, (int?)summary["epochsTrained"]);
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
            var spec = temp.File("sweep.yaml", $$"""
                name: store-full
                trainer: { command: [sh, once.sh, "{x}"], metrics: [score], grace: 2s }
                budget: { trials: {{trials}}, max_epochs: 1 }
                search: { strategy: random, seed: 2 }
                space:
                  x: { uniform: [0, 1] }
                """);
            var lines = new List<string>();
            using var process = StartRun(temp.Path, spec, Path.Combine(mountPoint, "state"), lines, out var stdout);

            await WaitForLineAsync(lines, l => l.StartsWith($"[2/{trials}]", StringComparison.Ordinal));
            var filler = Directory.CreateDirectory(Path.Combine(mountPoint, "filler")).FullName;
            FillInodes(filler);
            await WaitForLineAsync(lines, l => l.Contains("waiting for the state store", StringComparison.Ordinal) && l.Contains("No space left", StringComparison.Ordinal));
            var finishedWhenFull = Finished(lines, trials);
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
            Assert.InRange(Finished(lines, trials), finishedWhenFull, finishedWhenFull + 1);
            Assert.True(Finished(lines, trials) < trials);

            Directory.Delete(filler, recursive: true);
            using var cancel = new CancellationTokenSource(Timeout);
            await process.WaitForExitAsync(cancel.Token);
            var output = await stdout;

            var all = Snapshot(lines);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {string.Join('\n', all)}");
            Assert.Contains(all, l => l.Contains("written again", StringComparison.Ordinal));
            var summary = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
            Assert.Equal("completed", (string?)summary["status"]);
            Assert.Equal(trials, (int?)summary["trials"]!["completed"]);
            Assert.Equal(trials, (int?)summary["epochsTrained"]);
        }
        finally
        {
            await RunAsync("umount", "-l", mountPoint);
        }
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

    private static Process StartRun(string workingDirectory, string spec, string stateDirectory, List<string> lines, out Task<string> stdout)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), "run", spec, "--json", "--slots", "1", "--state-dir", stateDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        };
        process.BeginErrorReadLine();
        stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        return process;
    }

    private static int Finished(List<string> lines, int trials) => Snapshot(lines).Count(l => l.StartsWith('[') && l.Contains($"/{trials}] ", StringComparison.Ordinal));

    private static int Finished(List<string> lines) => Finished(lines, Trials);

    private static string[] Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    private static async Task WaitForLineAsync(List<string> lines, Func<string, bool> found)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!Snapshot(lines).Any(found))
        {
            Assert.True(DateTime.UtcNow < deadline, "waited 60 s for a line; got:\n" + string.Join('\n', Snapshot(lines)));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static Task MountAsync(params string[] args) => RunAsync("mount", args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var result = await Cli.RunProcessAsync(Path.GetTempPath(), TimeSpan.FromSeconds(30), program, args);
        Assert.True(result.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {result.ExitCode}: {result.StdErr} (this test needs root)");
    }
}
