namespace HyperSearch.Sweeps;

/// <summary>
/// A watcher's copy of a sweep's trial table, kept current through <c>ISweepGrain.GetTrials</c> pages.
/// A finished trial never changes again, so a sync fetches only from the first trial this copy does
/// not hold as finished: the open window and the new trials, not the whole table.
/// </summary>
public sealed class TrialMirror
{
    private readonly List<TrialRecord> _trials = [];
    private int _firstOpen;

    public IReadOnlyList<TrialRecord> Trials => _trials;

    /// <summary>The version of the last page applied; -1 before the first.</summary>
    public long Version { get; private set; } = -1;

    /// <summary>
    /// Fetches what may have changed until this copy holds <paramref name="total"/> trials or the
    /// sweep has no more: the pages up to <paramref name="total"/> at once (a first sync of a large
    /// sweep waits for one round trip, not one per page), then any trials added meanwhile.
    /// </summary>
    public async Task SyncAsync(Func<int, int, Task<TrialSlice>> fetch, int total, int pageSize = SummaryWatch.MaxPage)
    {
        var offsets = new List<int>();
        for (var offset = _firstOpen; offset < total; offset += pageSize)
        {
            offsets.Add(offset);
        }

        var pages = await Task.WhenAll((offsets.Count == 0 ? [_firstOpen] : offsets).Select(offset => fetch(offset, pageSize)));
        foreach (var page in pages.OrderBy(p => p.Offset))
        {
            Apply(page);
        }

        // Trials the sweep created while those pages were fetched.
        var sweepTotal = pages.Max(p => p.Total);
        while (_trials.Count < sweepTotal)
        {
            var page = await fetch(_trials.Count, pageSize);
            Apply(page);
            if (page.Trials.Length == 0)
            {
                return;
            }

            sweepTotal = page.Total;
        }
    }

    public void Apply(TrialSlice page)
    {
        for (var i = 0; i < page.Trials.Length; i++)
        {
            var number = page.Offset + i;
            if (number < _trials.Count)
            {
                _trials[number] = page.Trials[i];
            }
            else if (number == _trials.Count)
            {
                _trials.Add(page.Trials[i]);
            }
            else
            {
                throw new InvalidOperationException($"trial page at {page.Offset} leaves a gap after {_trials.Count} trials");
            }
        }

        while (_firstOpen < _trials.Count && _trials[_firstOpen].Status.IsFinished())
        {
            _firstOpen++;
        }

        Version = page.Version;
    }
}
