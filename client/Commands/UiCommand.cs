using System.CommandLine;
using HyperSearch.Explorer.Hosting;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch ui</c>: serves the sweep explorer until Ctrl-C.</summary>
public static class UiCommand
{
    private static readonly Option<int> PortOption = new("--port") { Description = "The port to serve on", DefaultValueFactory = _ => 8080 };
    private static readonly Option<string> HostOption = new("--host")
    {
        Description = $"The address to bind; anything beyond loopback needs a token in {ExplorerOptions.TokenVariable}, which every request must carry",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private static readonly Option<string?> GatewayOption = ExplorerConnection.Gateway();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();

    public static Command Build()
    {
        var command = new Command("ui", "Serve the sweep explorer: sweeps, live sweep pages, trials") { PortOption, HostOption, GatewayOption, StateDirOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ExplorerOptions(result.GetValue(HostOption)!, result.GetValue(PortOption), Environment.GetEnvironmentVariable(ExplorerOptions.TokenVariable))
            {
                AllowedHosts = ExplorerOptions.ParseHosts(Environment.GetEnvironmentVariable(ExplorerOptions.HostsVariable)),
            };
            if (options.Problem() is { } problem)
            {
                throw new UserErrorException($"ui: {problem}");
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using (StopSignals.Listen(stop.Cancel))
            {
                await using var connection = await ExplorerConnection.OpenAsync(result.GetValue(GatewayOption), result.GetValue(StateDirOption)!, cancellationToken);
                ExplorerServer server;
                try
                {
                    server = await ExplorerServer.StartAsync(connection.Grains, options, cancellationToken);
                }
                catch (IOException e)
                {
                    throw new UserErrorException($"ui: cannot serve on {options.Host}:{options.Port}: {e.Message}");
                }

                await using (server)
                {
                    await Console.Error.WriteLineAsync($"explorer: {server.Address} (Ctrl-C stops it)");
                    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
