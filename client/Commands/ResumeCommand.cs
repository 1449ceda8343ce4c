using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch resume SWEEP</c>: continues a sweep that was interrupted (Ctrl-C or a crash), keeping its finished trials.</summary>
public static class ResumeCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep id (see the run's first line, or `list`)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<int?> SlotsOption = RunCommand.Slots();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();
    private static readonly Option<bool> VerboseOption = RunCommand.Verbose();

    public static Command Build()
    {
        var command = new Command("resume", "Continue an interrupted sweep from its saved state")
        {
            SweepArgument, GatewayOption, JsonOption, SlotsOption, StateDirOption, VerboseOption,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var json = result.GetValue(JsonOption);
            var console = Consoles.ForHumans(json);
            var gateway = result.GetValue(GatewayOption);
            await using var connection = await ClusterConnection.OpenAsync(
                gateway, () => RunCommand.EmbeddedOptions(result, SlotsOption, StateDirOption, VerboseOption), cancellationToken);

            var sweepId = result.GetValue(SweepArgument)!;
            var before = await SweepLookup.GetExistingAsync(connection, sweepId);
            var sweep = connection.Grains.GetGrain<ISweepGrain>(sweepId);
            var snapshot = await sweep.Resume();
            console.MarkupLine($"sweep [bold]{Markup.Escape(sweepId)}[/] {(before.Status == SweepStatus.Paused ? "resumed" : "is " + snapshot.Status.ToWireName())}: " +
                $"{snapshot.Trials.Count(t => t.Status.IsFinished())} trials already finished, {snapshot.Count(TrialStatus.Pending)} queued");
            return await SweepWatch.RunAsync(console, connection, sweep, json, cancellationToken);
        });
        return command;
    }
}
