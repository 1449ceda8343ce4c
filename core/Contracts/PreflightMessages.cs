using HyperSearch.Spec;

namespace HyperSearch.Contracts;

/// <summary>What to overfit: candidate configurations (tried in order), the data, and how hard to try.</summary>
/// <param name="Examples">Training examples to memorize.</param>
/// <param name="MaxSteps">Full-batch steps per candidate at most.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.PreflightRequest")]
public sealed record class PreflightRequest(
    [property: Id(0)] Dictionary<string, ParamValue>[] Candidates,
    [property: Id(1)] DataSpec Data,
    [property: Id(2)] int Seed,
    [property: Id(3)] int Examples,
    [property: Id(4)] int MaxSteps);

/// <summary>The answer: passed when some candidate overfitted.</summary>
/// <param name="Error">A user error (bad parameter, missing data, unavailable device) that stopped the check; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.PreflightReport")]
public sealed record class PreflightReport(
    [property: Id(0)] bool Passed,
    [property: Id(1)] PreflightAttempt[] Attempts,
    [property: Id(2)] string? Error);

/// <summary>One candidate's try.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.PreflightAttempt")]
public sealed record class PreflightAttempt(
    [property: Id(0)] Dictionary<string, ParamValue> Parameters,
    [property: Id(1)] bool Passed,
    [property: Id(2)] int Steps,
    [property: Id(3)] double InitialLoss,
    [property: Id(4)] double FinalLoss,
    [property: Id(5)] double FinalAccuracy,
    [property: Id(6)] string Summary);
