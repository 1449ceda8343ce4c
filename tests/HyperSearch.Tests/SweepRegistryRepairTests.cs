using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// The registry is a copy of what the sweeps stored about themselves: a sweep it does not list
/// lists itself when it activates, and a corrupt registry is rebuilt from the sweeps' headers.
/// Sweep grains on silos with no slots, restarted on the same state directory.
/// </summary>
public sealed class SweepRegistryRepairTests
{
    [Fact]
    public async Task StoredSweepTheRegistryDoesNotList_ListsItselfWhenItActivates()
    {
        using var temp = new TempDirectory();
        var state = Path.Combine(temp.Path, "state");
        await using (var silo = await TestSilo.StartAsync("unlisted", 0, state))
        {
            await silo.Grains.GetGrain<ISweepGrain>("forgotten").Start(Specs.Small(trials: 2));
        }

        // A whole, readable registry that never heard of the sweep (what a start whose registration
        // failed leaves): another state directory's, which only noted a silo.
        var other = Path.Combine(temp.Path, "other");
        await using (var silo = await TestSilo.StartAsync("unlisted", 0, other))
        {
            await silo.Grains.GetGrain<ISweepRegistryGrain>(0).GetActiveFor("unlisted/0");
        }

        foreach (var file in Directory.GetFiles(Path.Combine(other, "registry")))
        {
            File.Copy(file, Path.Combine(state, "registry", Path.GetFileName(file)), overwrite: true);
        }

        await using var again = await TestSilo.StartAsync("unlisted", 0, state);
        var registry = again.Grains.GetGrain<ISweepRegistryGrain>(0);
        Assert.Empty(await registry.List());

        Assert.Equal(SweepStatus.Running, (await again.Grains.GetGrain<ISweepGrain>("forgotten").GetSnapshot()).Status);
        var listing = Assert.Single(await registry.List());
        Assert.Equal(("forgotten", "small", SweepStatus.Running), (listing.SweepId, listing.Name, listing.Status));
        Assert.Equal(["forgotten"], await registry.GetActive());
    }

    [Fact]
    public async Task CorruptRegistry_IsRebuiltFromTheHeaders_AndAnUnreadableSweepRefusesWithItsFile()
    {
        using var temp = new TempDirectory();
        await using (var silo = await TestSilo.StartAsync("rebuilt", 0, temp.Path))
        {
            await silo.Grains.GetGrain<ISweepGrain>("kept").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("paused").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("paused").Pause();
            await silo.Grains.GetGrain<ISweepGrain>("garbled").Start(Specs.Small(trials: 2));
            await silo.Grains.GetGrain<ISweepGrain>("garbled").Pause();
        }

        // Two writes (start, pause): both slots of the header exist.
        var garbledFiles = Directory.GetFiles(Path.Combine(temp.Path, "sweep"), "sweep_garbled.*");
        Assert.Equal(2, garbledFiles.Length);
        foreach (var file in Directory.GetFiles(Path.Combine(temp.Path, "registry")).Concat(garbledFiles))
        {
            var bytes = File.ReadAllBytes(file);
            bytes[^1] ^= 0xff;
            File.WriteAllBytes(file, bytes);
        }

        await using var again = await TestSilo.StartAsync("rebuilt", 0, temp.Path);
        var listed = await again.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Equal([("kept", SweepStatus.Running), ("paused", SweepStatus.Paused)], listed.Select(l => (l.SweepId, l.Status)).Order());

        // The refusal crosses the grain call with its type and names the file.
        var e = await Assert.ThrowsAsync<StateCorruptException>(() => again.Grains.GetGrain<ISweepGrain>("garbled").GetSnapshot());
        Assert.Equal(Path.Combine(temp.Path, "sweep", "sweep_garbled.{0,1}.state"), e.Path);
        await Assert.ThrowsAsync<StateCorruptException>(() => again.Grains.GetGrain<ISweepGrain>("garbled").Resume());
        Assert.Equal(SweepStatus.Running, (await again.Grains.GetGrain<ISweepGrain>("kept").GetSnapshot()).Status);
    }
}
