using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Paths;
using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Tests.Roots;

/// <summary>
/// Ensembles built from trial reports a client sent itself (no training): the sweep id is the grain
/// key, so the manifest it names must stay in the artifact store, and checkpoints reported outside
/// the roots are never read.
/// </summary>
public sealed class EnsembleBuildRootsTests
{
    [Fact]
    public async Task Build_OfASweepWhoseIdClimbsOutOfTheStore_WritesNothing()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("build-roots", slots: 0, temp.Path);
        var store = silo.Settings.ArtifactDirectory!;

        await FinishOneTrialAsync(silo, "inside", WriteCheckpoint(Path.Combine(store, "inside-checkpoint")));
        await FinishOneTrialAsync(silo, "../../escape", WriteCheckpoint(Path.Combine(store, "escape-checkpoint")));
        var built = await silo.Grains.GetGrain<IEnsembleGrain>("inside").Build(new EnsembleRequest(1, EnsembleMethod.Average));
        var refused = await Assert.ThrowsAsync<PathOutsideRootsException>(() =>
            silo.Grains.GetGrain<IEnsembleGrain>("../../escape").Build(new EnsembleRequest(1, EnsembleMethod.Average)));

        Assert.True(File.Exists(built.ManifestPath));
        Assert.Equal(EnsembleManifest(store, "../../escape"), refused.Path);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "escape")));
    }

    [Fact]
    public async Task Build_FromACheckpointReportedOutsideTheRoots_LeavesItOut()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await TestSilo.StartAsync("build-roots", slots: 0, temp.Path);
        await FinishOneTrialAsync(silo, "reported-outside", WriteCheckpoint(outside.CheckpointLike));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            silo.Grains.GetGrain<IEnsembleGrain>("reported-outside").Build(new EnsembleRequest(1, EnsembleMethod.Average)));

        Assert.Contains("no completed or pruned trial with a checkpoint", error.Message, StringComparison.Ordinal);
    }

    private static string EnsembleManifest(string store, string sweepId) =>
        HyperSearch.Silo.Ensembles.EnsembleManifest.PathFor(store, sweepId, new EnsembleRequest(1, EnsembleMethod.Average));

    /// <summary>Starts a one-trial sweep and reports its trial completed with <paramref name="checkpoint"/>, as a slot would.</summary>
    private static async Task FinishOneTrialAsync(TestSilo silo, string sweepId, string checkpoint)
    {
        var sweep = silo.Grains.GetGrain<ISweepGrain>(sweepId);
        await sweep.Start(Specs.Small(trials: 1, epochs: 1));
        var lease = (await sweep.Lease("build-roots/0"))!;
        await sweep.Report(lease.Key, new EpochMetrics(1, new() { [SpecNames.ValAccuracy] = 0.5, [SpecNames.ValLoss] = 0.7 }, 0, 0));
        await sweep.Finish(lease.Key, new TrialFinish(TrialOutcome.Completed, new() { ["test_accuracy"] = 0.5 }, 0.7, null, Retryable: true, CheckpointPath: checkpoint));
    }

    /// <summary>The class probabilities an ensemble is built from: two examples, two classes.</summary>
    private static string WriteCheckpoint(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (probabilities, labels) in new[] { (EnsembleFiles.ValidationProbabilities, EnsembleFiles.ValidationLabels), (EnsembleFiles.TestProbabilities, EnsembleFiles.TestLabels) })
        {
            NpyFile.WriteFloat32(Path.Combine(directory, probabilities), [0.9f, 0.1f, 0.2f, 0.8f], 2, 2);
            NpyFile.WriteInt64(Path.Combine(directory, labels), [0, 1], 2);
        }

        return directory;
    }
}
