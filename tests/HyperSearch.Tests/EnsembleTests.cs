using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Tests;

/// <summary>Ensembles built from a real sweep's checkpoints, saved, and re-evaluated from the saved manifest.</summary>
public sealed class EnsembleTests
{
    [Fact]
    public async Task Ensemble_BuiltFromTheBestTrials_IsReproducedExactlyByEvaluate()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("ens", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("ensemble-source");
        await sweep.Start(Specs.Small(trials: 5, epochs: 2));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(3));
        var topThree = snapshot.Ranked().Take(3).Select(t => t.TrialId).ToHashSet();

        var ensembles = silo.Grains.GetGrain<IEnsembleGrain>("ensemble-source");
        foreach (var method in new[] { EnsembleMethod.Greedy, EnsembleMethod.Average })
        {
            var built = await ensembles.Build(new EnsembleRequest(TopK: 3, method));

            Assert.Subset(topThree, built.Members.Select(m => m.TrialId).ToHashSet());
            Assert.Equal(1.0, built.Members.Sum(m => m.Weight), 9);
            Assert.Equal(snapshot.Ranked()[0].TrialId, built.BestSingleTrialId);
            Assert.Equal(snapshot.Ranked()[0].Test!["test_accuracy"], built.BestSingleTest.Accuracy, 6);
            Assert.InRange(built.Test.Accuracy, 0.5, 1.0);
            Assert.True(File.Exists(built.ManifestPath));
            if (method == EnsembleMethod.Average)
            {
                Assert.Equal(3, built.Members.Length);
            }

            var again = await ensembles.Evaluate(built.ManifestPath);

            // Reloaded checkpoints predict exactly what the trials saved when they trained.
            Assert.Equal(built.Test, again.Test);
            Assert.Equal(built.Members, again.Members);
        }

        Assert.Equal(EnsembleMethod.Average, (await ensembles.GetLatest())!.Method);

        // Test-time augmentation: the plain build's members and weights, each checkpoint's test set predicted again with its mirror images.
        var plain = await ensembles.Build(new EnsembleRequest(3, EnsembleMethod.Greedy));
        var building = ensembles.Build(new EnsembleRequest(3, EnsembleMethod.Greedy, TestTimeAugmentation.Flip));
        // The explorer asks for the latest report while a build runs (minutes for CNNs): it is answered at once, with the one before.
        var meanwhile = await ensembles.GetLatest();
        var augmented = await building;

        Assert.Null(meanwhile!.Augmented);
        Assert.Null(plain.Augmented);
        Assert.Equal(plain.Members, augmented.Members);
        Assert.Equal(plain.Test, augmented.Test);
        var evaluator = silo.Grains.GetGrain<IEvaluatorGrain>(0);
        var predictions = new List<TestPrediction>();
        foreach (var member in augmented.Members)
        {
            predictions.Add(await evaluator.PredictTest(member.CheckpointPath, TestTimeAugmentation.Flip));
        }

        var labels = predictions[0].Labels;
        var combined = WeightedAverage.Combine(
            predictions.Select(p => new ProbabilityTable(p.Probabilities, labels.Length, p.Classes)).ToList(), augmented.Members.Select(m => m.Weight).ToList());
        var expected = EnsembleScore.Of(combined, predictions[0].Classes, labels);
        Assert.Equal(TestTimeAugmentation.Flip, augmented.Augmented!.Augmentation);
        Assert.Equal(expected.Accuracy, augmented.Augmented.Test.Accuracy, 9);
        Assert.Equal(expected.NegativeLogLikelihood, augmented.Augmented.Test.NegativeLogLikelihood, 9);
        // Mirror images are other inputs: the figures move (an MLP has no reason to predict a mirrored garment the same way).
        Assert.NotEqual(plain.Test.NegativeLogLikelihood, augmented.Augmented.Test.NegativeLogLikelihood);
        var best = snapshot.Ranked()[0];
        var bestMirrored = await evaluator.PredictTest(best.CheckpointPath!, TestTimeAugmentation.Flip);
        var bestExpected = EnsembleScore.Of(Array.ConvertAll(bestMirrored.Probabilities, v => (double)v), bestMirrored.Classes, bestMirrored.Labels);
        Assert.Equal(bestExpected.Accuracy, augmented.Augmented.BestSingleTest.Accuracy, 9);
        Assert.Equal(bestExpected.NegativeLogLikelihood, augmented.Augmented.BestSingleTest.NegativeLogLikelihood, 9);

        // What the evaluator answers: the mean of the plain prediction the trial saved and the model's prediction of the mirror images.
        var saved = NpyFile.ReadFloat32(Path.Combine(best.CheckpointPath!, CheckpointFiles.TestProbabilities)).Values;
        using var reloaded = Checkpoint.Load(best.CheckpointPath!);
        var mirrored = reloaded.PredictTest(mirrored: true).Probabilities;
        Assert.Equal(saved.Zip(mirrored, (a, b) => (a + b) / 2), bestMirrored.Probabilities);
    }

    [Fact]
    public async Task Ensemble_OfASweepWithoutCheckpoints_SaysSo()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("ens-none", slots: 1, temp.Path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            silo.Grains.GetGrain<IEnsembleGrain>("never-started").Build(new EnsembleRequest(3, EnsembleMethod.Greedy)));

        Assert.Contains("no completed or pruned trial", error.Message);
    }
}
