using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Tests.Commands;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// A persistent Python trial (the python/hypersearch module, /usr/bin/python3) whose silo is
/// SIGKILLed: the trial continues on the other silo from the checkpoint its script saved through
/// the module, not from epoch 1, and the killed silo's worker does not outlive it.
/// </summary>
public sealed class ClusterPythonResumeTests
{
    private const int Epochs = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private const string Script = """
        import json, os, time
        import hypersearch

        for trial in hypersearch.trials(defaults={"x": 0.5}):
            start = trial.resume_epoch
            if trial.resume_from:
                with open(os.path.join(trial.resume_from, "state.json")) as f:
                    assert json.load(f)["epoch"] == start
                with open(os.path.join(trial.dir, "resumed-from"), "w") as f:
                    f.write(str(start))
            for epoch in range(start + 1, trial.max_epochs + 1):
                time.sleep(0.6)
                path = trial.checkpoint(epoch)
                if path:
                    with open(os.path.join(path, "state.json"), "w") as f:
                        json.dump({"epoch": epoch}, f)
                if trial.report(epoch, score=trial.params["x"] + 0.01 * epoch):
                    break
        """;

    [Fact]
    public async Task KilledSilo_ThePythonTrialResumesElsewhereFromItsCheckpoint()
    {
        using var temp = new TempDirectory();
        temp.File("train.py", Script);
        using var redis = await RedisServer.StartAsync(temp.Path);
        string[] python = ["--allow-commands", "/usr/bin/python3"];
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, extraArgs: python);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path, extraArgs: python);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("python-resume");
        await sweep.Start(SpecParser.Parse($$"""
            name: python-resume
            trainer:
              command: [/usr/bin/python3, train.py]
              workdir: .
              env: { PYTHONPATH: {{RepoFiles.PathOf("python")}} }
              metrics: [score]
              persistent: true
            checkpoints: { every_epochs: 1 }
            budget: { trials: 2, max_epochs: {{Epochs}} }
            search: { strategy: grid }
            space:
              x: { choice: [0.3, 0.6] }
            """, new SpecParseOptions { BaseDirectory = temp.Path }));

        var victim = await SiloKillChecks.RunningTrialOnAsync(sweep, "s2/", epochs: 3, Timeout);
        // This test's workers: other tests on the machine may run a train.py of their own.
        var workers = ProcessTable.RunningWithArgument("train.py").Intersect(ProcessTable.RunningIn(temp.Path)).ToList();
        s2.Kill();
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        int from = SiloKillChecks.AssertResumedOnce(snapshot, victim, Epochs, "s1/");
        Assert.True(from >= 3, $"resumed from epoch {from}");
        // The script itself read the checkpoint it had saved, in the resumed attempt's directory.
        var trialDirectory = Directory.GetFiles(Path.Combine(temp.Path, ".hypersearch", "artifacts"), "resumed-from", SearchOption.AllDirectories);
        Assert.Equal(from.ToString(), File.ReadAllText(Assert.Single(trialDirectory)));
        // Each silo's worker runs under its sh guard (trainer/Command/ProcessGroup.cs): two processes a
        // silo. The killed silo's pair went with it; the live silo's worker still waits for trials.
        Assert.Equal(4, workers.Count);
        Assert.Equal(2, workers.Count(pid => !ProcessTable.IsRunning(pid)));
    }
}
