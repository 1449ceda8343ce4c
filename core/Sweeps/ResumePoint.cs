namespace HyperSearch.Sweeps;

/// <summary>
/// A resumable checkpoint a trial's attempt saved in the artifact store: the directory and the last
/// epoch it covers. The sweep hands the newest ones to the trial's next attempt, which continues
/// from epoch <see cref="Epoch"/> + 1 instead of epoch 1. Only the path travels; the files never do.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.ResumePoint")]
public sealed record class ResumePoint(
    [property: Id(0)] string Path,
    [property: Id(1)] int Epoch);
