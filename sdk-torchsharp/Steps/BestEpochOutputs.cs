using HyperSearch.Trainer.Training;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>What a trial keeps of its best epoch (<see cref="TrialSteps.Predict"/>).</summary>
/// <param name="Validation">The model's predictions on the data set's validation rows, in order.</param>
/// <param name="Test">Its predictions on the test rows, in order.</param>
/// <param name="TestMetrics">The test figures the trial reports, e.g. <c>test_top1</c>.</param>
public sealed record class BestEpochOutputs(Prediction Validation, Prediction Test, IReadOnlyDictionary<string, double> TestMetrics);
