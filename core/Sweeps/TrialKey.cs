namespace HyperSearch.Sweeps;

/// <summary>
/// Names one attempt of one trial. Every report carries it, so a report from an attempt whose
/// lease has expired (a slow or dead trainer) is recognised and changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialKey")]
public sealed record class TrialKey(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int TrialNumber,
    [property: Id(2)] int Attempt)
{
    public override string ToString() => $"{SweepId}/{TrialRecord.IdFor(TrialNumber)}#{Attempt}";
}
