namespace HyperSearch.Trainer.Training;

/// <summary>Where a run's checkpoint went and the figures of the epoch it holds.</summary>
/// <param name="Directory">The checkpoint directory (see <see cref="Checkpoints.CheckpointFiles"/> for its files).</param>
/// <param name="Epoch">The best epoch, whose weights were saved.</param>
public sealed record class CheckpointSummary(
    string Directory,
    int Epoch,
    double ValLoss,
    double ValAccuracy,
    double TestLoss,
    double TestAccuracy);
