using HyperSearch.Contracts;
using HyperSearch.Silo.Storage;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Grains;

/// <summary>The sweep registry's list made again from what each sweep stored about itself (its header).</summary>
public static class RegistryRebuild
{
    public static async Task<List<SweepListing>> FromSweepHeadersAsync(IStateCatalog catalog, Action<StateCorruptException> onUnreadable)
    {
        var headers = await catalog.ReadAllAsync<SweepState>(SweepStore.HeaderState, onUnreadable);
        return [.. headers
            .Where(h => h.Spec is not null && h.SweepId.Length > 0)
            .Select(h => new SweepListing(h.SweepId, h.Spec!.Name, h.Status, h.CreatedUtc))
            .OrderBy(l => l.CreatedUtc)];
    }
}
