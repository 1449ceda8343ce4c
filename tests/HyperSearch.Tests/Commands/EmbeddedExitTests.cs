namespace HyperSearch.Tests.Commands;

/// <summary>
/// An embedded run exits only after its training threads have (client/Cluster/EmbeddedShutdown.cs):
/// here a command trial takes 8 s to stop after SIGTERM, longer than the silo's own stop waits for
/// a slot, and still ends before the console does.
/// </summary>
public sealed class EmbeddedExitTests
{
    [Fact]
    public async Task InterruptedRun_ExitsAfterItsTrainingThreadEnded()
    {
        using var temp = new TempDirectory();
        temp.File("linger.sh", """
            trap 'sleep 8; echo ended > "$HYPERSEARCH_TRIAL_DIR/ended"; exit 1' TERM
            echo "epoch=1 score=$1"
            touch "$HYPERSEARCH_TRIAL_DIR/started"
            sleep 600 &
            wait $!
            """);
        var spec = temp.File("sweep.yaml", """
            name: lingering
            trainer: { command: [sh, linger.sh, "{x}"], metrics: [score], grace: 20s }
            budget: { trials: 1, max_epochs: 5 }
            space:
              x: { value: 0.5 }
            """);
        var artifacts = Path.Combine(temp.Path, ".hypersearch", "artifacts");
        using var run = ConsoleProcess.Start(temp.Path, "run", spec, "--slots", "1", "--state-dir", Path.Combine(temp.Path, "state"));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!(Directory.Exists(artifacts) && Directory.EnumerateFiles(artifacts, "started", SearchOption.AllDirectories).Any()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the trial never started: " + string.Join('\n', run.OutLines.Concat(run.ErrorLines)));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        run.Interrupt();
        await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        // Looked for the moment the console has exited: before it waited, it exited about 5 s after
        // the interrupt, with the script still in its trap.
        Assert.True(Directory.EnumerateFiles(artifacts, "ended", SearchOption.AllDirectories).Any(), string.Join('\n', run.OutLines.Concat(run.ErrorLines)));
        Assert.Equal(130, run.ExitCode);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("waiting for 1 training thread(s) to end their trial", StringComparison.Ordinal));
    }
}
