using HyperSearch.Ensembles;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Data;

/// <summary>One sweep as the explorer renders it: its summary, spec and rounds, its trials, and its ensemble if one was built.</summary>
public sealed record class SweepData(SweepSummary Summary, SweepOverview Overview, IReadOnlyList<TrialRecord> Trials, EnsembleReport? Ensemble)
{
    /// <summary>A snapshot built here from the watched parts, for what core already computes from one (warnings, ranking).</summary>
    public SweepSnapshot Snapshot() => new(
        Summary.SweepId, Overview.Spec, Summary.Status, Summary.EndReason, Summary.CreatedUtc, Summary.FinishedUtc,
        Summary.EpochsTrained, 0, [.. Trials], Overview.Rounds, Summary.StoreProblem);
}
