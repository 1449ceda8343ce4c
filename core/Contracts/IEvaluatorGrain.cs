namespace HyperSearch.Contracts;

/// <summary>
/// Reloads a checkpoint and predicts its test set, on a dedicated thread of the silo it runs on
/// (a stateless worker: each silo has its own, so a cluster spreads the work).
/// </summary>
[Alias("HyperSearch.IEvaluatorGrain")]
public interface IEvaluatorGrain : IGrainWithIntegerKey
{
    [Alias("PredictTest")]
    Task<TestPrediction> PredictTest(string checkpointPath);
}

/// <summary>Class probabilities ([rows x classes], row-major) and labels of a checkpoint's test set.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.TestPrediction")]
public sealed record class TestPrediction(
    [property: Id(0)] float[] Probabilities,
    [property: Id(1)] int Classes,
    [property: Id(2)] int[] Labels);
