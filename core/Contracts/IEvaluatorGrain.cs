using HyperSearch.Ensembles;
using HyperSearch.Spec;

namespace HyperSearch.Contracts;

/// <summary>
/// Reloads a checkpoint and predicts its test set, on a dedicated thread of the silo it runs on
/// (a stateless worker: each silo has its own, so a cluster spreads the work).
/// </summary>
[Alias("HyperSearch.IEvaluatorGrain")]
public interface IEvaluatorGrain : IGrainWithIntegerKey
{
    // The evaluator of a silo predicts one checkpoint at a time and the rest queue: a call can wait for several.
    [Alias("PredictTest"), ResponseTimeout("00:10:00")]
    Task<TestPrediction> PredictTest(string checkpointPath);

    /// <summary>The test set predicted with test-time augmentation: each image's probabilities averaged over its views.</summary>
    [Alias("PredictTestAugmented"), ResponseTimeout("00:10:00")]
    Task<TestPrediction> PredictTest(string checkpointPath, TestTimeAugmentation augmentation);
}

/// <summary>Class probabilities ([rows x classes], row-major) and labels of a checkpoint's test set.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.TestPrediction")]
public sealed record class TestPrediction(
    [property: Id(0)] float[] Probabilities,
    [property: Id(1)] int Classes,
    [property: Id(2)] int[] Labels)
{
    public ProbabilityTable Table() => new(Probabilities, Labels.Length, Classes);
}
