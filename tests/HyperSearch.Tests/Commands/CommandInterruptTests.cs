using System.Diagnostics;

namespace HyperSearch.Tests.Commands;

/// <summary>Ctrl-C of an embedded run: the console exits 130 and its trials' processes go with it.</summary>
public sealed class CommandInterruptTests
{
    [Fact]
    public async Task CtrlC_OfAnEmbeddedRun_StopsItsTrialProcesses()
    {
        using var temp = new TempDirectory();
        temp.File("slow.sh", CommandTrialTests.SlowScript.Replace("sleep 0.4", "sleep 1", StringComparison.Ordinal));
        var spec = temp.File("sweep.yaml", """
            name: interrupted
            trainer: { command: [sh, slow.sh, "{x}"], metrics: [score], grace: 2s }
            budget: { trials: 2, max_epochs: 30 }
            search: { strategy: grid }
            space:
              x: { choice: [0.1, 0.2] }
            """);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), "run", spec, "--slots", "2", "--state-dir", Path.Combine(temp.Path, "state") })
        {
            start.ArgumentList.Add(arg);
        }

        using var run = Process.Start(start)!;
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        var artifacts = Path.Combine(temp.Path, ".hypersearch", "artifacts");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        int[] pids = [];
        while (pids.Length < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            pids = Directory.Exists(artifacts)
                ? [.. Directory.EnumerateFiles(artifacts, "pid", SearchOption.AllDirectories).Select(f => new FileInfo(f)).Where(f => f.Length > 0).Select(f => ProcessTable.ReadPid(f.FullName))]
                : [];
        }

        Assert.Equal(2, pids.Length);
        Assert.All(pids, pid => Assert.True(ProcessTable.IsRunning(pid)));
        Process.Start("kill", ["-INT", run.Id.ToString()])!.WaitForExit();
        await run.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(130, run.ExitCode);
        Assert.All(pids, pid => Assert.False(ProcessTable.IsRunning(pid), $"process {pid} outlived the interrupted run"));
    }
}
