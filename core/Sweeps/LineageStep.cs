using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// One PBT exploit of a trial: after <see cref="Epoch"/> it continued from trial <see cref="Donor"/>'s
/// checkpoint of that epoch, with <see cref="Parameters"/> (the donor's, perturbed).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.LineageStep")]
public sealed record class LineageStep(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int Donor,
    [property: Id(2)] Dictionary<string, ParamValue> Parameters);
