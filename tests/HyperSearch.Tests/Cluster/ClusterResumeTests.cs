using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// A silo SIGKILLed in the middle of a trial: the trial continues on another silo from the last
/// checkpoint its lost attempt saved in the shared artifact store, not from epoch 1, and its final
/// curve holds every epoch exactly once.
/// </summary>
public sealed class ClusterResumeTests
{
    private const int Epochs = 8;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>About a second per epoch here, so the test can catch a trial part way through.</summary>
    private static SweepSpec Spec(string checkpoints) =>
        SpecParser.Parse(Specs.SmallYaml(trials: 2, epochs: Epochs, extra: checkpoints).Replace("train_subset: 1000", "train_subset: 20000"));

    [Fact]
    public async Task KilledSilo_TheTrialResumesElsewhereFromItsLastCheckpoint()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path);
        await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
        var sweep = client.Grains.GetGrain<ISweepGrain>("resume-after-kill");
        await sweep.Start(Spec("checkpoints: { every_epochs: 1 }"));

        // Kill s2 once its trial has reported at least three epochs (so a checkpoint past epoch 1 is recorded).
        var victim = await SiloKillChecks.RunningTrialOnAsync(sweep, "s2/", epochs: 3, Timeout);
        s2.Kill();

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        int from = SiloKillChecks.AssertResumedOnce(snapshot, victim, Epochs, "s1/");
        var resumed = snapshot.Trials[victim.Number];
        Assert.True(from > 1, $"resumed from epoch {from}");

        // Only the epochs the lost attempt trained past its checkpoint were trained twice.
        Assert.InRange(snapshot.EpochsTrained, 2 * Epochs, (2 * Epochs) + (Epochs - from));
        Assert.True(Directory.Exists(resumed.CheckpointPath), "the resumed attempt wrote its final checkpoint");
    }
}
