using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch status SWEEP</c>: the trials of a sweep on a running cluster.</summary>
public static class StatusCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep id" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();

    public static Command Build()
    {
        var command = new Command("status", "Show a sweep's trials") { SweepArgument, GatewayOption, JsonOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            var json = result.GetValue(JsonOption);
            await using var connection = await ClusterConnection.ConnectAsync(result.GetValue(GatewayOption) ?? CommonOptions.DefaultGateway, cancellationToken);
            var snapshot = await SweepLookup.GetExistingAsync(connection, result.GetValue(SweepArgument)!);
            TrialTable.Render(Consoles.ForHumans(json), snapshot);
            if (json)
            {
                Console.Out.WriteLine(RunSummary.Build(snapshot, DateTime.UtcNow).ToJsonString());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
