using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Tests;

/// <summary>
/// Snapshot ensembles end to end: a real sweep with <c>lr_schedule: cosine_restarts</c> and
/// <c>ensemble.snapshots</c>, its trials' snapshots found by the ensemble (silo/Ensembles/EnsembleBuilder.cs),
/// chosen as members, and reloaded by <c>evaluate</c>.
/// </summary>
public sealed class SnapshotEnsembleTests
{
    private const string Yaml = """
        name: snapshots
        data:
          dataset: fashion-mnist
          train_subset: 600
          validation: 300
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: 2, max_epochs: 3 }
        search: { strategy: random, seed: 5 }
        space:
          lr: { loguniform: [1.0e-3, 3.0e-3] }
          optimizer: { value: adam }
          batch_size: { value: 64 }
          hidden: { value: [32] }
          lr_schedule: { value: cosine_restarts }
          lr_step: { value: 1 }
        ensemble: { top_k: 2, snapshots: 2 }
        """;

    [Fact]
    public async Task Ensemble_ChoosesAmongTrialsAndTheirSnapshots_AndEvaluateReloadsThem()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("snap", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("snapshot-source");
        await sweep.Start(SpecParser.Parse(Yaml));
        var finished = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(3));
        var ensembles = silo.Grains.GetGrain<IEnsembleGrain>("snapshot-source");

        var plain = await ensembles.Build(new EnsembleRequest(2, EnsembleMethod.Greedy));

        // One-epoch cycles over 3 epochs, 2 snapshots: epochs 2 and 3 of each trial, less the epoch its checkpoint keeps.
        var ids = plain.Candidates!.Select(c => c.Id).ToList();
        foreach (var trial in finished.Ranked().Take(2))
        {
            var kept = CheckpointManifest.Read(Path.Combine(trial.CheckpointPath!, CheckpointFiles.Manifest)).Epoch;
            var expected = new[] { 2, 3 }.Where(e => e != kept).Select(e => $"{trial.TrialId}@epoch-{e}");
            Assert.Equal(expected, ids.Where(id => id.StartsWith(trial.TrialId + "@", StringComparison.Ordinal)));
            Assert.Contains(trial.TrialId, ids);
        }

        // Every candidate a member: snapshots' checkpoints are reloaded by evaluate like any trial's.
        var all = await ensembles.Build(new EnsembleRequest(2, EnsembleMethod.Greedy, Selection: SelectionSettings.Default with { MinMembers = ids.Count }));
        Assert.Equal(ids.Count, all.Members.Length);
        Assert.Contains(all.Members, m => m.TrialId.Contains("@epoch-", StringComparison.Ordinal) && Directory.Exists(m.CheckpointPath));
        var again = await ensembles.Evaluate(all.ManifestPath);
        Assert.Equal(all.Test, again.Test);
    }
}
