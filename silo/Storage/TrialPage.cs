using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// One stored page of a sweep's trial table (<see cref="SweepStore"/>). A class with a parameterless
/// constructor, not a bare array: storage providers create an empty state for a missing record
/// (Orleans' Redis provider refuses array types with "Type is not supported").
/// </summary>
[GenerateSerializer, Alias("HyperSearch.TrialPage")]
public sealed class TrialPage
{
    [Id(0)] public TrialRecord[] Trials { get; set; } = [];
}
