using System.Collections.Concurrent;
using HyperSearch.Contracts;

namespace HyperSearch.Explorer.Data;

/// <summary>The explorer's feeds, one per sweep that was looked at, and the list of sweeps from the registry.</summary>
public sealed class SweepFeeds(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, SweepFeed> _feeds = new();

    public IGrainFactory Grains => grains;

    public SweepFeed For(string sweepId) => _feeds.GetOrAdd(sweepId, id => new SweepFeed(grains, id));

    public Task<SweepListing[]> ListAsync() => grains.GetGrain<ISweepRegistryGrain>(0).List();
}
