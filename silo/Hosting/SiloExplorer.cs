using HyperSearch.Explorer.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Hosting;

/// <summary>Serves the sweep explorer from this silo (<see cref="SiloSettings.ExplorerPort"/>): every silo of a cluster can show every sweep.</summary>
public sealed partial class SiloExplorer(SiloSettings settings, IGrainFactory grains, ILogger<SiloExplorer> logger) : IHostedService
{
    private ExplorerServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new ExplorerOptions(settings.ExplorerHost, settings.ExplorerPort!.Value,
            settings.ExplorerToken ?? Environment.GetEnvironmentVariable(ExplorerOptions.TokenVariable))
        {
            AllowedHosts = ExplorerOptions.ParseHosts(settings.ExplorerAllowedHosts ?? Environment.GetEnvironmentVariable(ExplorerOptions.HostsVariable)),
        };
        if (options.Problem() is { } problem)
        {
            // A misconfigured explorer must not take the silo's training down with it.
            LogNotServed(problem);
            return;
        }

        _server = await ExplorerServer.StartAsync(grains, options, cancellationToken);
        LogServing(_server.Address.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep explorer not served: {Problem}")]
    private partial void LogNotServed(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep explorer at {Address}")]
    private partial void LogServing(string address);
}
