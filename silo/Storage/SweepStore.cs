using HyperSearch.Sweeps;
using Orleans.Storage;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// A sweep's state in pieces: a header (the state without its trial table) under the sweep grain's
/// id, and the trials in pages of <see cref="PageSize"/> under ids of their own. A write stores the
/// pages whose records changed (records are immutable, so a changed one is a different object)
/// and then the header, so its cost follows what changed, not the size of the table: with
/// the whole state in one value, a sweep of 20,000 trials wrote megabytes for every event.
/// Works on any <see cref="IGrainStorage"/> (the state files, Redis).
/// </summary>
/// <remarks>
/// Pages are written before the header; a crash between the two leaves pages ahead of the header,
/// which reading tolerates (it reads pages until one is missing and recounts finish order). A header
/// written by an earlier version holds the whole table; its trials are read and moved to pages on
/// the next write.
/// </remarks>
public sealed class SweepStore(IGrainStorage storage, GrainId sweepGrain)
{
    public const int PageSize = 32;

    /// <summary>The state name of the headers (the registry reads them all to rebuild its list).</summary>
    public const string HeaderState = "sweep";
    private const string PageState = "sweep-trials";

    private readonly GrainState<SweepState> _header = new() { State = new SweepState() };
    private readonly List<GrainState<TrialPage>> _pages = [];

    // Leading pages stored full of finished trials: finished records never change again, so a write
    // starts after them (comparing every page cost a cache miss per record at 20,000 trials).
    private int _settledPages;

    // Writes begun and ended, for IsCurrentAsync (all on the grain's scheduler: no locking needed).
    private long _writesStarted;
    private long _writesDone;

    /// <summary>
    /// The stored state, or null when the sweep was never started. A header or page that is stored
    /// but unreadable throws the storage's error (StateCorruptException for the state files): a
    /// sweep read without some of its trials would run them again.
    /// </summary>
    public async Task<SweepState?> ReadAsync()
    {
        await storage.ReadStateAsync(HeaderState, sweepGrain, _header);
        if (!_header.RecordExists || _header.State is null)
        {
            return null;
        }

        var state = _header.State;
        var trials = state.Trials.ToDictionary(t => t.Number);
        while (true)
        {
            var page = new GrainState<TrialPage>();
            await storage.ReadStateAsync(PageState, PageId(_pages.Count), page);
            if (!page.RecordExists || page.State is null)
            {
                break;
            }

            _pages.Add(page);
            foreach (var trial in page.State.Trials)
            {
                trials[trial.Number] = trial;
            }
        }

        state.Trials = [.. trials.Values.OrderBy(t => t.Number)];
        state.FinishedCount = Math.Max(state.FinishedCount, state.Trials.Select(t => t.FinishOrder).DefaultIfEmpty(0).Max());
        return state;
    }

    /// <summary>
    /// True while nobody else has written this sweep since this store last read or wrote it. False
    /// means another activation of the same sweep exists (possible for a moment while the cluster
    /// settles a dead silo's grains): this one holds stale state and must go.
    /// </summary>
    /// <remarks>
    /// The sweep grain is reentrant: a write of its own may run while this reads, and storage then
    /// holds an ETag the store learns only when that write returns. A check that overlapped a write
    /// of this store proves nothing and answers true (it showed up as false alarms under load).
    /// </remarks>
    public async Task<bool> IsCurrentAsync()
    {
        var writes = _writesStarted;
        if (_writesDone != writes)
        {
            return true;
        }

        var stored = new GrainState<SweepState>();
        await storage.ReadStateAsync(HeaderState, sweepGrain, stored);
        return _writesStarted != writes || !stored.RecordExists || stored.ETag == _header.ETag;
    }

    /// <summary>Stores the pages that changed since the last write, then the header. Not reentrant: one write at a time.</summary>
    public async Task WriteAsync(SweepState state)
    {
        _writesStarted++;
        try
        {
            await WritePagesAndHeaderAsync(state);
        }
        finally
        {
            _writesDone++;
        }
    }

    private async Task WritePagesAndHeaderAsync(SweepState state)
    {
        var writes = new List<Task>();
        for (var page = _settledPages; page * PageSize < state.Trials.Count; page++)
        {
            if (page == _pages.Count)
            {
                _pages.Add(new GrainState<TrialPage> { State = new TrialPage() });
            }

            var start = page * PageSize;
            var count = Math.Min(PageSize, state.Trials.Count - start);
            if (!Same(_pages[page].State?.Trials ?? [], state.Trials, start, count))
            {
                writes.Add(WritePageAsync(page, state.Trials.GetRange(start, count).ToArray()));
            }
        }

        await Task.WhenAll(writes);
        _header.State = state.CopyWithoutTrials();
        await storage.WriteStateAsync(HeaderState, sweepGrain, _header);
        while (_settledPages < _pages.Count && _pages[_settledPages].State?.Trials is { Length: PageSize } settled && settled.All(t => t.Status.IsFinished()))
        {
            _settledPages++;
        }
    }

    private async Task WritePageAsync(int index, TrialRecord[] trials)
    {
        var page = _pages[index];
        var previous = page.State;
        page.State = new TrialPage { Trials = trials };
        try
        {
            await storage.WriteStateAsync(PageState, PageId(index), page);
        }
        catch
        {
            // Not stored: the next write tries this page again.
            page.State = previous;
            throw;
        }
    }

    private static bool Same(TrialRecord[] stored, List<TrialRecord> trials, int start, int count)
    {
        if (stored.Length != count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!ReferenceEquals(stored[i], trials[start + i]))
            {
                return false;
            }
        }

        return true;
    }

    private GrainId PageId(int page) => GrainId.Create("sweep-trials", $"{sweepGrain.Key}.{page}");
}
