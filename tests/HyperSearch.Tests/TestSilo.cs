using System.Net;
using System.Net.Sockets;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Trainers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HyperSearch.Tests;

/// <summary>A real HyperSearch silo in this process, on free loopback ports, with its own state directory.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, SiloSettings settings)
    {
        _host = host;
        Settings = settings;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public SiloSettings Settings { get; }

    public IGrainFactory Grains { get; }

    public static async Task<TestSilo> StartAsync(string name, int slots, string stateDirectory, int? primarySiloPort = null, TimeSpan? leaseDuration = null, Action<SiloSettings>? configure = null)
    {
        var settings = new SiloSettings
        {
            SiloName = name,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            PrimarySiloPort = primarySiloPort,
            Slots = slots,
            StateDirectory = stateDirectory,
            ArtifactDirectory = Path.Combine(stateDirectory, "artifacts"),
            // The test's scratch directory holds its specs' files (scripts, plugins, data): the silo may read it.
            DataRoot = stateDirectory,
            LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(250),
            // Off: every test sweep must reach its slots through offers alone (the poll is a safety net).
            IdlePollInterval = TimeSpan.FromHours(1),
            // The tests' own scripts and plugins, as on the embedded silo; UserCodeTests turns them off.
            AllowCommands = UserCodePolicy.Any,
            AllowPlugins = UserCodePolicy.Any,
        };
        configure?.Invoke(settings);
        var host = SiloHostBuilder.Build(settings);
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new TestSilo(host, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    /// <summary>
    /// A free loopback port that nothing else in the test run will be handed. Ports come from one
    /// counter in 20,000-29,999: below the kernel's ephemeral range (32,768 and up by default), so no
    /// outgoing connection is ever given one between this check and the child process binding it (a
    /// port from the ephemeral range was, now and then), and away from the embedded silo's 11111 and 30000.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var offset = Interlocked.Increment(ref _nextPortOffset);
            var port = FirstPort + (int)(((Environment.ProcessId * 97L) + offset) % PortCount);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (offset < PortCount)
            {
                // taken by something outside this run: try the next one
            }
        }
    }

    private const int FirstPort = 20_000;
    private const int PortCount = 10_000;
    private static long _nextPortOffset;
}
