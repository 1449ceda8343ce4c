namespace HyperSearch.Sweeps;

/// <summary>
/// Names one attempt of one trial. Every report carries it, so a report from an attempt whose
/// lease has expired (a slow or dead trainer) is recognised and changes nothing.
/// </summary>
/// <param name="Retrain">
/// The attempt retrains trial <paramref name="TrialNumber"/> for the ensemble (<c>ensemble.retrain</c>,
/// <see cref="RetrainJob"/>), after the search: its reports never reach the trial's own record.
/// </param>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialKey")]
public sealed record class TrialKey(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int TrialNumber,
    [property: Id(2)] int Attempt,
    [property: Id(3)] bool Retrain = false)
{
    public override string ToString() => $"{SweepId}/{TrialRecord.IdFor(TrialNumber)}{(Retrain ? RetrainJob.Suffix : "")}#{Attempt}";
}
