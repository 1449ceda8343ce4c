using HyperSearch.Contracts;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// The trainer hosts subscribed to the sweep registry, one per silo name, each until its lease on
/// the subscription runs out: hosts renew well within it, so only a host that stopped renewing (its
/// silo died or hangs) lapses. Kept in memory: a new registry activation starts empty and tells each
/// host so at its next renewal (<see cref="Renew"/> returns true), and the host then looks for work.
/// </summary>
public sealed class TrainerHostSubscriptions(TimeSpan lifetime)
{
    private readonly Dictionary<string, (ITrainerHost Host, DateTime Expires)> _hosts = new(StringComparer.Ordinal);

    /// <summary>Subscribes or renews <paramref name="siloName"/>'s host; true when it was not subscribed.</summary>
    public bool Renew(string siloName, ITrainerHost host, DateTime now)
    {
        var known = _hosts.TryGetValue(siloName, out var held) && held.Expires > now;
        _hosts[siloName] = (host, now + lifetime);
        return !known;
    }

    public void Remove(string siloName) => _hosts.Remove(siloName);

    /// <summary>Removes <paramref name="host"/> unless its silo subscribed again with another reference since.</summary>
    public void Remove(string siloName, ITrainerHost host)
    {
        if (_hosts.TryGetValue(siloName, out var held) && held.Host.Equals(host))
        {
            _hosts.Remove(siloName);
        }
    }

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
