using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// The state directory turns read-only in the middle of an embedded sweep (a tmpfs remounted, as a
/// full or failing disk would do it): the console says so, no new trial starts, no finished trial is
/// lost, and once writes succeed again the sweep goes on to its exact end. Needs root (mount).
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
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), "run", spec, "--json", "--slots", "1", "--state-dir", Path.Combine(mountPoint, "state") })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
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
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

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

    private static int Finished(List<string> lines) => Snapshot(lines).Count(l => l.StartsWith('[') && l.Contains($"/{Trials}] ", StringComparison.Ordinal));

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
