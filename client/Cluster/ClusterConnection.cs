using System.Net;
using System.Net.Sockets;
using HyperSearch.Client.Commands;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Trainers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// A way to talk to grains: an embedded silo in this process (one machine, no setup), or a client
/// connected to a running cluster's gateway.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly StateDirectoryLock? _stateLock;

    private ClusterConnection(IHost host, string gateway, bool embedded, StateDirectoryLock? stateLock = null)
    {
        _host = host;
        _stateLock = stateLock;
        Gateway = gateway;
        IsEmbedded = embedded;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    /// <summary>Where other `hypersearch` commands can reach this cluster.</summary>
    public string Gateway { get; }

    public bool IsEmbedded { get; }

    /// <summary>
    /// The process whose embedded silo this client joined (another <c>run</c>, <c>resume</c> or
    /// <c>ui</c> held the state directory, <see cref="StateDirectoryLock"/>); null when not joined.
    /// </summary>
    public StateDirectoryOwner? JoinedOwner { get; private init; }

    /// <summary>A silo on this machine for this state directory, its own or joined: an interrupted sweep is paused, not left running.</summary>
    public bool IsLocal => IsEmbedded || JoinedOwner is not null;

    /// <summary>What the connection is, for the first line of <c>run</c>.</summary>
    public string Description => IsEmbedded ? "embedded silo" : JoinedOwner is { } owner ? $"the embedded silo of process {owner.Pid}" : "cluster";

    public static async Task<ClusterConnection> StartEmbeddedAsync(EmbeddedSiloOptions options, CancellationToken cancellationToken)
    {
        EmbeddedSiloPreflight.EnsureWritableDirectory(options.StateDirectory, "--state-dir");
        var stateLock = StateDirectoryLock.TryTake(options.StateDirectory);
        if (stateLock is null)
        {
            switch (await StateDirectoryJoin.JoinOrTakeAsync(options, cancellationToken))
            {
                case { Owner: { } owner, Client: { } client }:
                    return new ClusterConnection(client, owner.Gateway, embedded: false) { JoinedOwner = owner };
                case { Lock: { } taken }:
                    stateLock = taken;
                    break;
            }
        }

        try
        {
            return await StartOwnSiloAsync(options, stateLock!, cancellationToken);
        }
        catch
        {
            stateLock!.Dispose();
            throw;
        }
    }

    private static async Task<ClusterConnection> StartOwnSiloAsync(EmbeddedSiloOptions options, StateDirectoryLock stateLock, CancellationToken cancellationToken)
    {
        if (options.MetricsPort is { } metricsPort)
        {
            EmbeddedSiloPreflight.EnsurePortFree(metricsPort, "--metrics-port");
        }

        var settings = new SiloSettings
        {
            SiloName = $"embedded-{Environment.ProcessId}",
            SiloPort = FreePort(11111),
            GatewayPort = FreePort(30000),
            StateDirectory = options.StateDirectory,
            PauseOrphanedSweeps = options.PauseOrphanedSweeps,
            // The user's own specs, run on the user's machine: command trials and plugins as they please.
            AllowCommands = UserCodePolicy.Any,
            AllowPlugins = UserCodePolicy.Any,
            MetricsPort = options.MetricsPort,
            // The working directory is its data root already (SiloRoots); HYPERSEARCH_ExtraRoots adds
            // more, as for a standalone silo (e.g. to resume a sweep whose data lies elsewhere).
            ExtraRoots = string.Join(Path.PathSeparator, options.ReadRoots.Append(Environment.GetEnvironmentVariable("HYPERSEARCH_ExtraRoots") ?? "")),
        };
        if (options.Slots is { } slots)
        {
            settings.Slots = slots;
        }

        if (settings.ArtifactDirectory is { Length: > 0 } artifacts)
        {
            EmbeddedSiloPreflight.EnsureWritableDirectory(artifacts, "the artifact store");
        }

        var host = SiloHostBuilder.Build(
            settings, options.Verbose ? LogLevel.Information : LogLevel.Warning, services => services.AddSingleton<IHostLifetime, CommandHostLifetime>());
        var gateway = $"127.0.0.1:{settings.GatewayPort}";
        // Published before the start, so a second command here waits for this silo instead of starting its own.
        stateLock.Publish(new StateDirectoryOwner(Environment.ProcessId, gateway, settings.Slots));
        await host.StartAsync(cancellationToken);
        return new ClusterConnection(host, gateway, embedded: true, stateLock);
    }

    /// <summary>The cluster at <paramref name="gateway"/>, or, when none is named, a silo in this process.</summary>
    public static Task<ClusterConnection> OpenAsync(string? gateway, Func<EmbeddedSiloOptions> embedded, CancellationToken cancellationToken) =>
        gateway is null ? StartEmbeddedAsync(embedded(), cancellationToken) : ConnectAsync(gateway, cancellationToken);

    public static async Task<ClusterConnection> ConnectAsync(string gateway, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        new(await StartClientAsync(gateway, cancellationToken, timeout), gateway, embedded: false);

    /// <summary>A started client of the cluster at <paramref name="gateway"/>.</summary>
    /// <exception cref="ClusterUnavailableException">No silo answered there in time.</exception>
    internal static async Task<IHost> StartClientAsync(string gateway, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        // Several gateways (comma-separated) keep the client working when one silo dies.
        var endpoints = gateway.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseGateway).ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        ClusterCertificates? tls;
        try
        {
            // Read here, once: a wrong path is one line naming the variable, not a failed connection.
            tls = TlsFiles.FromEnvironment()?.Load();
        }
        catch (TlsConfigurationException e)
        {
            throw new UserErrorException($"HYPERSEARCH_{e.Message}");
        }

        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoints);
            if (tls is not null)
            {
                client.UseTls(options => ClusterTls.Configure(options, tls));
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = new SiloSettings().ClusterId;
                o.ServiceId = new SiloSettings().ServiceId;
            });
        });
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        var host = builder.Build();
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
            await host.StartAsync(limit.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterUnavailableException($"cannot reach a HyperSearch silo at {gateway}: {e.Message}");
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
            if (IsEmbedded)
            {
                EmbeddedShutdown.WaitForTrainingThreads(_host.Services);
            }
        }
        finally
        {
            _host.Dispose();
            _stateLock?.Dispose();
        }
    }

    private static IPEndPoint ParseGateway(string gateway)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is <= 0 or > 65535)
        {
            throw new UserErrorException($"--gateway: expected HOST:PORT, got '{gateway}'");
        }

        var host = gateway[..colon];
        if (!IPAddress.TryParse(host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
            }
            catch (Exception e) when (e is SocketException or InvalidOperationException)
            {
                throw new UserErrorException($"--gateway: cannot resolve host '{host}'");
            }
        }

        return new IPEndPoint(address, port);
    }

    /// <summary>The preferred port when it is free (so other commands find the default), else any free one.</summary>
    private static int FreePort(int preferred)
    {
        foreach (var candidate in new[] { preferred, 0 })
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, candidate);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free TCP port on loopback");
    }
}

/// <summary>How the console's in-process silo runs.</summary>
/// <param name="MetricsPort">Serve Prometheus metrics on 127.0.0.1:MetricsPort while the silo runs; null: no endpoint.</param>
public sealed record class EmbeddedSiloOptions(int? Slots, string StateDirectory, bool Verbose, int? MetricsPort = null)
{
    /// <summary>More directories it may read (<see cref="EmbeddedRoots"/>): those of the files named on the command line.</summary>
    public IReadOnlyList<string> ReadRoots { get; init; } = [];

    /// <summary>
    /// Pause sweeps found running (their process is gone): right for a silo that will train. The
    /// explorer's silo (`ui`, `report`) only reads, and must not pause a sweep whose run may still be alive.
    /// </summary>
    public bool PauseOrphanedSweeps { get; init; } = true;
}

/// <summary>The cluster could not be reached: one clear line, exit code 1.</summary>
public sealed class ClusterUnavailableException(string message) : Exception(message);
