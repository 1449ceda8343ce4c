using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch cancel SWEEP</c>: stops a sweep; finished trials are kept.</summary>
public static class CancelCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep id" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();

    public static Command Build()
    {
        var command = new Command("cancel", "Cancel a sweep: queued trials are dropped, running ones stop after their epoch") { SweepArgument, GatewayOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(result.GetValue(GatewayOption) ?? CommonOptions.DefaultGateway, cancellationToken);
            var sweepId = result.GetValue(SweepArgument)!;
            await SweepLookup.GetExistingAsync(connection, sweepId);
            var snapshot = await connection.Grains.GetGrain<ISweepGrain>(sweepId).Cancel();
            Consoles.ForHumans(json: false).MarkupLine($"sweep {Markup.Escape(sweepId)}: {snapshot.Status.ToWireName()} ({Markup.Escape(ReasonNames.Of(snapshot.EndReason) ?? "")})");
            return ExitCodes.Success;
        });
        return command;
    }
}
