namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Read-only views of the sweep for clients and watchers: the whole snapshot, the summary without
/// the trial table, the overview, and pages of the table. None of them changes the state.
/// </summary>
internal sealed class SweepViews(TrialTable table, SearcherLink searcher)
{
    public SweepSnapshot Snapshot()
    {
        var state = table.State;
        return new(
            state.SweepId, state.Spec, state.Status, state.EndReason, state.CreatedUtc, state.FinishedUtc,
            state.EpochsTrained, state.LeaseExpiries, [.. state.Trials],
            searcher.Rounds(), Retrains: state.Retrains?.ToArray());
    }

    /// <summary>The sweep for watchers: counts, budget and best, without the trial table.</summary>
    public SweepSummary Summary(string? storeProblem) => SweepSummaries.Of(table.State, table.FirstOpen(), storeProblem);

    public SweepOverview Overview() => new(table.State.Spec, searcher.Rounds());

    /// <summary>Up to <paramref name="count"/> trials from number <paramref name="offset"/> on (fewer at the end of the table).</summary>
    public TrialSlice Page(int offset, int count)
    {
        var state = table.State;
        var total = state.Trials.Count;
        var start = Math.Clamp(offset, 0, total);
        var length = Math.Clamp(count, 0, total - start);
        return new TrialSlice(state.Revision, start, total, state.Trials.GetRange(start, length).ToArray());
    }
}
