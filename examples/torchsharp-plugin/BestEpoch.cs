using HyperSearch.Trainer.Training;

namespace HyperSearch.Examples.Residual;

/// <summary>The epoch that scored best on the sweep's objective so far, with its predictions.</summary>
/// <param name="Score">The objective metric's value at that epoch.</param>
internal sealed record class BestEpoch(int Epoch, double Score, Prediction Validation, Prediction Test);
