using HyperSearch.Contracts;
using HyperSearch.Explorer.Hosting;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Tests.Explorer;

namespace HyperSearch.Tests.Hardening;

/// <summary>A real silo (simulated trainer) running one long sweep, and an explorer on loopback over it.</summary>
public sealed class ExplorerSite : IAsyncDisposable
{
    public const string SweepId = "guarded";

    private readonly TempDirectory _temp;

    private ExplorerSite(TempDirectory temp, TestSilo silo, ExplorerServer server)
    {
        _temp = temp;
        Silo = silo;
        Server = server;
    }

    public TestSilo Silo { get; }

    public ExplorerServer Server { get; }

    public ISweepGrain Sweep => Silo.Grains.GetGrain<ISweepGrain>(SweepId);

    public static async Task<ExplorerSite> StartAsync(ExplorerOptions? options = null)
    {
        var temp = new TempDirectory();
        var silo = await TestSilo.StartAsync("guarded", slots: 2, temp.Path, configure: s =>
        {
            s.Trainer = TrainerKinds.Simulated;
            s.SimulatedEpochDuration = TimeSpan.FromMilliseconds(200);
        });
        await silo.Grains.GetGrain<ISweepGrain>(SweepId).Start(SpecParser.Parse(ExplorerFixture.Yaml("guarded", trials: 2000, maxEpochs: 4, parallelism: 2)));
        var server = await ExplorerServer.StartAsync(silo.Grains, options ?? new ExplorerOptions(Port: 0), CancellationToken.None);
        return new ExplorerSite(temp, silo, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Silo.DisposeAsync();
        _temp.Dispose();
    }
}
