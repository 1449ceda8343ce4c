namespace HyperSearch.Sdk;

/// <summary>
/// A resumable checkpoint that read back whole (<see cref="CheckpointSeal.Verify"/>): load the
/// trainer's state from the files in <see cref="Directory"/> and continue with epoch
/// <see cref="Epoch"/> + 1, reporting epochs from there on.
/// </summary>
/// <param name="Directory">Holds the files the trainer saved, as it named them.</param>
/// <param name="Epoch">The last epoch the saved state has trained.</param>
public sealed record class ResumeCheckpoint(string Directory, int Epoch);
