using System.Collections.Concurrent;
using HyperSearch.Contracts;

namespace HyperSearch.Explorer.Data;

/// <summary>
/// The explorer's feeds, one per existing sweep that was looked at, and the list of sweeps from the
/// registry. A feed is kept only once its sweep is known to exist: every URL names a sweep, and
/// feeds kept for made-up ids would grow without end.
/// </summary>
public sealed class SweepFeeds(IGrainFactory grains) : IDisposable
{
    private readonly ConcurrentDictionary<string, SweepFeed> _feeds = new();
    private readonly CancellationTokenSource _stopping = new();

    public IGrainFactory Grains => grains;

    /// <summary>How many feeds are kept (for tests: only existing sweeps').</summary>
    public int Count => _feeds.Count;

    /// <summary>The feed of a sweep from the registry's list (which only lists sweeps that exist).</summary>
    public SweepFeed For(string sweepId) => _feeds.GetOrAdd(sweepId, id => new SweepFeed(grains, id, _stopping.Token));

    /// <summary>The feed of <paramref name="sweepId"/> and its data when that sweep exists; null (and nothing kept) otherwise.</summary>
    public async Task<(SweepFeed Feed, SweepData Data)?> FindAsync(string sweepId, CancellationToken cancellationToken)
    {
        if (!SweepIdRule.IsValid(sweepId))
        {
            return null;
        }

        var feed = _feeds.TryGetValue(sweepId, out var known) ? known : new SweepFeed(grains, sweepId, _stopping.Token);
        var data = await feed.GetAsync(cancellationToken);
        if (data.Overview.Spec is null)
        {
            return null;
        }

        return (_feeds.GetOrAdd(sweepId, feed), data);
    }

    /// <summary>Ends every feed's long poll: the explorer stops, and its cluster may stop next.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    public Task<SweepListing[]> ListAsync() => grains.GetGrain<ISweepRegistryGrain>(0).List();
}
