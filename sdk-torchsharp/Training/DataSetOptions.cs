namespace HyperSearch.Trainer.Training;

/// <summary>Which data set to load and how to split it.</summary>
/// <param name="Name">fashion-mnist | mnist | cifar10 | synthetic</param>
/// <param name="Path">Directory holding the IDX files (gzip) or CIFAR-10's batch files.</param>
/// <param name="TrainSubset">First N training images after the seeded shuffle (null: all that remain).</param>
/// <param name="Validation">Images held out of the training set for validation.</param>
/// <param name="SplitSeed">Seed of the shuffle that splits train and validation.</param>
/// <param name="ValidationInTraining">
/// Train on the validation images too (retraining an ensemble member). They also stay the
/// validation set, so the code that evaluates on it runs unchanged; no one reports those figures.
/// </param>
public sealed record class DataSetOptions(
    string Name,
    string Path,
    int? TrainSubset,
    int Validation,
    int SplitSeed,
    bool ValidationInTraining = false);
