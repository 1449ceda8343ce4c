using System.Collections.Concurrent;
using HyperSearch.Contracts;

namespace HyperSearch.Explorer.Data;

/// <summary>The explorer's feeds, one per sweep that was looked at, and the list of sweeps from the registry.</summary>
public sealed class SweepFeeds(IGrainFactory grains) : IDisposable
{
    private readonly ConcurrentDictionary<string, SweepFeed> _feeds = new();
    private readonly CancellationTokenSource _stopping = new();

    public IGrainFactory Grains => grains;

    public SweepFeed For(string sweepId) => _feeds.GetOrAdd(sweepId, id => new SweepFeed(grains, id, _stopping.Token));

    /// <summary>Ends every feed's long poll: the explorer stops, and its cluster may stop next.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    public Task<SweepListing[]> ListAsync() => grains.GetGrain<ISweepRegistryGrain>(0).List();
}
