using HyperSearch.Contracts;

namespace HyperSearch.Registry;

/// <summary>
/// The trainer hosts subscribed to the sweep registry, one per silo name, each until its lease on
/// the subscription runs out: hosts renew well within it, so only a host that stopped renewing (its
/// silo died or hangs) lapses. The registry stores the hosts (not their deadlines) whenever a host
/// is added or removed: Orleans moves the registry's activation when silos join or leave, and a new
/// activation that offered work to nobody until each host's next renewal would leave new sweeps
/// waiting that long. A stored host gets a whole lifetime from the load to renew.
/// </summary>
public sealed class TrainerHostSubscriptions(TimeSpan lifetime)
{
    private readonly Dictionary<string, (ITrainerHost Host, DateTime Expires)> _hosts = new(StringComparer.Ordinal);

    /// <summary>Takes up the hosts a previous activation stored; each must renew within a lifetime from <paramref name="now"/>.</summary>
    public void Load(IEnumerable<TrainerHostListing> stored, DateTime now)
    {
        foreach (var listing in stored)
        {
            _hosts[listing.SiloName] = (listing.Host, now + lifetime);
        }
    }

    /// <summary>Every host held, lapsed or not, to store.</summary>
    public List<TrainerHostListing> ToListings() =>
        _hosts.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new TrainerHostListing(h.Key, h.Value.Host)).ToList();

    /// <summary>Subscribes or renews <paramref name="siloName"/>'s host; true when it was not subscribed.</summary>
    public bool Renew(string siloName, ITrainerHost host, DateTime now)
    {
        var known = _hosts.TryGetValue(siloName, out var held) && held.Expires > now && held.Host.Equals(host);
        _hosts[siloName] = (host, now + lifetime);
        return !known;
    }

    /// <returns>True when the silo was subscribed.</returns>
    public bool Remove(string siloName) => _hosts.Remove(siloName);

    /// <summary>Removes <paramref name="host"/> unless its silo subscribed again with another reference since.</summary>
    /// <returns>True when it was removed.</returns>
    public bool Remove(string siloName, ITrainerHost host) =>
        _hosts.TryGetValue(siloName, out var held) && held.Host.Equals(host) && _hosts.Remove(siloName);

    /// <summary>The hosts whose subscriptions still run, after dropping those that lapsed.</summary>
    public TrainerHostListing[] Live(DateTime now)
    {
        foreach (var lapsed in _hosts.Where(h => h.Value.Expires <= now).Select(h => h.Key).ToList())
        {
            _hosts.Remove(lapsed);
        }

        return _hosts.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new TrainerHostListing(h.Key, h.Value.Host)).ToArray();
    }
}
