using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

/// <summary>Small jobs on the synthetic data set: a training epoch takes a fraction of a second.</summary>
internal static class TestJobs
{
    public static DataSetOptions Synthetic { get; } = new("synthetic", string.Empty, TrainSubset: 2_000, Validation: 500, SplitSeed: 1);

    public static TrainingJob Job(Dictionary<string, object> parameters, DataSetOptions? data = null, int epochs = 1, int seed = 1) =>
        new("trial-1", parameters, data ?? Synthetic, epochs, seed);

    public static TrainingResult Run(Dictionary<string, object> parameters, DataSetOptions? data = null, int epochs = 1, int seed = 1, RecordingObserver? observer = null) =>
        TrialTrainer.Run(Job(parameters, data, epochs, seed), observer ?? new RecordingObserver(), CancellationToken.None);
}
