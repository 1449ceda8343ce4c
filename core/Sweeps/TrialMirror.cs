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

    /// <summary>Fetches what may have changed, page by page, until this copy holds <paramref name="total"/> trials or the sweep has no more.</summary>
    public async Task SyncAsync(Func<int, int, Task<TrialSlice>> fetch, int total, int pageSize = SummaryWatch.MaxPage)
    {
        var offset = _firstOpen;
        while (true)
        {
            var page = await fetch(offset, pageSize);
            Apply(page);
            offset = page.Offset + page.Trials.Length;
            if (page.Trials.Length == 0 || offset >= Math.Max(total, page.Total))
            {
                return;
            }
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
