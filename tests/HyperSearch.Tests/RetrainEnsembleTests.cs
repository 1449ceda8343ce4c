using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Tests;

/// <summary>
/// <c>ensemble.retrain: true</c> on a real silo with the built-in trainer: after the search the
/// top_k trials train again on training + validation images for their best epoch count, and the
/// ensemble is scored on the test set both ways.
/// </summary>
public sealed class RetrainEnsembleTests
{
    [Fact]
    public async Task Retrain_TopKTrainAgainOnTrainingPlusValidation_AndTheEnsembleIsScoredBothWays()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("retrain", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("retrain-sweep");
        await sweep.Start(SpecParser.Parse(Specs.SmallYaml(trials: 4, epochs: 3, extra: "ensemble: { top_k: 2, method: average, retrain: true }")));

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(4));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        var jobs = snapshot.Retrains!;
        var topTwo = snapshot.Ranked().Where(t => t.Status == TrialStatus.Completed).Take(2).ToList();
        Assert.Equal(topTwo.Select(t => t.Number), jobs.Select(j => j.TrialNumber));
        foreach (var (job, trial) in jobs.Zip(topTwo))
        {
            Assert.Equal(TrialStatus.Completed, job.Status);
            var bestEpoch = trial.Epochs.MaxBy(e => e.Get("val_accuracy")!.Value)!.Epoch;
            Assert.Equal(bestEpoch, job.Epochs);
            Assert.Equal(Enumerable.Range(1, bestEpoch), job.Curve!.Select(e => e.Epoch));
            Assert.All(job.Curve!, e => Assert.Equal(["train_loss"], e.Values.Keys)); // nothing held out to validate on

            // The retrained checkpoint is its own (not the trial's), saw 1,000 + 500 images, and kept its last epoch.
            Assert.NotEqual(trial.CheckpointPath, job.CheckpointPath);
            Assert.Contains(RetrainJob.Suffix, job.CheckpointPath);
            var manifest = CheckpointManifest.Read(Path.Combine(job.CheckpointPath!, CheckpointFiles.Manifest));
            Assert.True(manifest.Data.ValidationInTraining);
            Assert.False(CheckpointManifest.Read(Path.Combine(trial.CheckpointPath!, CheckpointFiles.Manifest)).Data.ValidationInTraining);
            Assert.Equal(bestEpoch, manifest.Epoch);
            Assert.Equal(bestEpoch, manifest.EpochsTrained);
        }

        // The search's own figures are untouched by retraining.
        Assert.Equal(snapshot.Trials.Sum(t => t.Epochs.Length), snapshot.EpochsTrained);

        var report = await silo.Grains.GetGrain<IEnsembleGrain>("retrain-sweep").Build(new EnsembleRequest(2, EnsembleMethod.Average));
        var retrained = report.Retrained!;
        Assert.Null(retrained.Problem);
        Assert.Equal(jobs.Select(j => j.CheckpointPath), retrained.CheckpointPaths);
        Assert.InRange(retrained.Test!.Accuracy, 0.5, 1.0);
        Assert.Equal(jobs[0].Test!["test_accuracy"], retrained.BestSingleTest!.Accuracy, 6);
        Assert.NotEqual(report.Test.NegativeLogLikelihood, retrained.Test.NegativeLogLikelihood); // different models, scored apart
    }
}
