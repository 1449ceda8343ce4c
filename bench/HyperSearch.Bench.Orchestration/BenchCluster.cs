using System.Net;
using System.Net.Sockets;
using HyperSearch.Silo.Grains;
using HyperSearch.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// Silos in this process, each a full HyperSearch silo host (the same builder as the standalone
/// silo) with the simulated trainer, plus the recorders: embedded (localhost clustering, state files)
/// or a cluster (Redis membership and state). Silos talk over loopback TCP as separate machines would.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private BenchCluster(List<IHost> hosts, IReadOnlyList<SiloSettings> settings)
    {
        _hosts = hosts;
        Settings = settings;
        Grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
    }

    public IGrainFactory Grains { get; }

    public IReadOnlyList<SiloSettings> Settings { get; }

    public int Slots => Settings.Sum(s => s.Slots);

    /// <param name="slots">Trainer slots per silo.</param>
    /// <param name="redis">Redis for membership and state; null: localhost clustering and state files under <paramref name="stateDirectory"/>.</param>
    public static async Task<BenchCluster> StartAsync(
        IReadOnlyList<int> slots, TimeSpan epochDuration, double jitter, string stateDirectory, string? redis, CallRecorder recorder)
    {
        var hosts = new List<IHost>();
        var settings = new List<SiloSettings>();
        var clusterId = $"bench-{Guid.NewGuid():N}";
        for (var i = 0; i < slots.Count; i++)
        {
            var silo = new SiloSettings
            {
                SiloName = $"silo{i}",
                SiloPort = FreePort(),
                GatewayPort = FreePort(),
                PrimarySiloPort = redis is null && i > 0 ? settings[0].SiloPort : null,
                Slots = slots[i],
                StateDirectory = stateDirectory,
                ArtifactDirectory = null,
                Redis = redis,
                ClusterId = clusterId,
                Trainer = TrainerKinds.Simulated,
                SimulatedEpochDuration = epochDuration,
                SimulatedEpochJitter = jitter,
            };
            var host = Build(silo, recorder);
            await host.StartAsync();
            hosts.Add(host);
            settings.Add(silo);
        }

        return new BenchCluster(hosts, settings);
    }

    public async ValueTask DisposeAsync()
    {
        // The last silo first: the primary (localhost clustering) leaves last.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync(CancellationToken.None);
            _hosts[i].Dispose();
        }
    }

    private static IHost Build(SiloSettings settings, CallRecorder recorder)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.AddHyperSearch(settings);
            silo.AddOutgoingGrainCallFilter(new OutgoingRecorder(recorder));
            silo.AddIncomingGrainCallFilter(new IncomingRecorder(recorder));
            CountWrites(silo.Services, recorder);
        });
        return builder.Build();
    }

    /// <summary>Puts <see cref="CountingGrainStorage"/> around the sweep storage the silo registered.</summary>
    private static void CountWrites(IServiceCollection services, CallRecorder recorder)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Sweeps));
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Sweeps, (sp, key) =>
            new CountingGrainStorage((IGrainStorage)registered.KeyedImplementationFactory!(sp, key), recorder));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
