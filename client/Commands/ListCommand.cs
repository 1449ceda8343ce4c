using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch list</c>: the sweeps a running cluster knows.</summary>
public static class ListCommand
{
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();

    public static Command Build()
    {
        var command = new Command("list", "List the sweeps of a running cluster") { GatewayOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(result.GetValue(GatewayOption) ?? CommonOptions.DefaultGateway, cancellationToken);
            var sweeps = await connection.Grains.GetGrain<ISweepRegistryGrain>(0).List();
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("sweep", "name", "status", "created (UTC)");
            foreach (var sweep in sweeps)
            {
                table.AddRow(Markup.Escape(sweep.SweepId), Markup.Escape(sweep.Name), sweep.Status.ToWireName(), sweep.CreatedUtc.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            }

            Consoles.ForHumans(json: false).Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
