using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch slots</c>: every trainer slot of a running cluster and what it trains, asked of
/// each silo's trainer host (the registry lists them) rather than of the sweeps.
/// </summary>
public static class SlotsCommand
{
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();

    public static Command Build()
    {
        var command = new Command("slots", "Show every trainer slot of a running cluster and what it trains") { GatewayOption, JsonOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var connection = await ClusterConnection.ConnectAsync(result.GetValue(GatewayOption) ?? CommonOptions.DefaultGateway, cancellationToken);
            var hosts = await connection.Grains.GetGrain<ISweepRegistryGrain>(0).GetTrainerHosts();
            var slots = await Task.WhenAll(hosts.Select(host => SlotsOf(host)));
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumns("silo", "slot", "sweep", "trial", "trials run");
            foreach (var (silo, status) in slots.SelectMany(s => s))
            {
                table.AddRow(Markup.Escape(silo), Markup.Escape(status.SlotId), Markup.Escape(status.SweepId ?? "idle"), Trial(status), status.TrialsRun.ToString());
            }

            var json = result.GetValue(JsonOption);
            Consoles.ForHumans(json).Write(table);
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(slots.SelectMany(s => s).Select(s => new
                {
                    silo = s.Silo,
                    slot = s.Status.SlotId,
                    sweepId = s.Status.SweepId,
                    trial = s.Status.TrialNumber,
                    retrain = s.Status.Retrain,
                    trialsRun = s.Status.TrialsRun,
                })));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One silo's slots; a silo that does not answer (it is going away) shows none, the others still show.</summary>
    private static async Task<(string Silo, TrainerSlotStatus Status)[]> SlotsOf(TrainerHostListing host)
    {
        try
        {
            return (await host.Host.GetSlots().WaitAsync(TimeSpan.FromSeconds(10))).Select(s => (host.SiloName, s)).ToArray();
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            Console.Error.WriteLine($"warning: silo {host.SiloName} did not answer: {e.Message.Split('\n')[0]}");
            return [];
        }
    }

    /// <summary>The trial's number, marked when it is being retrained for the ensemble.</summary>
    private static string Trial(TrainerSlotStatus status) =>
        status.TrialNumber is not { } number ? "" : status.Retrain ? $"{number} (retrain)" : number.ToString(CultureInfo.InvariantCulture);
}
