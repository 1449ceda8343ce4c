using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch run SPEC</c>: starts a sweep, shows its progress, then the ranked trials and the summary.</summary>
public static class RunCommand
{
    private static readonly Argument<string> SpecArgument = new("spec") { Description = "The sweep spec (YAML)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<int?> SlotsOption = new("--slots") { Description = "Trainer slots of the embedded silo (default: one per core)" };
    private static readonly Option<string> StateDirOption = new("--state-dir")
    {
        Description = "Where the embedded silo keeps sweep state",
        DefaultValueFactory = _ => Path.Combine(".hypersearch", "state"),
    };

    private static readonly Option<bool> VerboseOption = new("--verbose") { Description = "Show the silo's log" };

    public static Command Build()
    {
        var command = new Command("run", "Run a sweep: an embedded silo trains it here, or --gateway sends it to a cluster")
        {
            SpecArgument, GatewayOption, JsonOption, SlotsOption, StateDirOption, VerboseOption,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var json = result.GetValue(JsonOption);
        var console = Consoles.ForHumans(json);
        var spec = SpecLoader.Load(result.GetValue(SpecArgument)!);
        SpecLoader.VerifyData(spec);
        if (result.GetValue(SlotsOption) is <= 0)
        {
            throw new UserErrorException("--slots: must be at least 1");
        }

        var gateway = result.GetValue(GatewayOption);
        await using var connection = gateway is null
            ? await ClusterConnection.StartEmbeddedAsync(new EmbeddedSiloOptions(result.GetValue(SlotsOption), result.GetValue(StateDirOption)!, result.GetValue(VerboseOption)), cancellationToken)
            : await ClusterConnection.ConnectAsync(gateway, cancellationToken);

        var sweepId = SweepIds.New(spec.Name, DateTime.UtcNow);
        var sweep = connection.Grains.GetGrain<ISweepGrain>(sweepId);
        await sweep.Start(spec);
        console.MarkupLine($"sweep [bold]{Markup.Escape(sweepId)}[/] started ({(connection.IsEmbedded ? "embedded silo" : "cluster")}, gateway {Markup.Escape(connection.Gateway)}); Ctrl-C cancels it and keeps finished trials");

        var interrupted = false;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (interrupted)
            {
                return; // a second Ctrl-C ends the process the default way
            }

            e.Cancel = true;
            interrupted = true;
            console.MarkupLine("[yellow]cancelling: running trials stop after their current epoch[/]");
            sweep.Cancel().Ignore();
        };
        Console.CancelKeyPress += onCancel;
        SweepSnapshot snapshot;
        try
        {
            snapshot = await ProgressView.WatchAsync(console, sweep, cancellationToken);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        TrialTable.Render(console, snapshot);
        var summary = RunSummary.Build(snapshot, DateTime.UtcNow);
        foreach (var warning in RunSummary.Warnings(snapshot))
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        if (json)
        {
            Console.Out.WriteLine(summary.ToJsonString());
        }

        if (interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (snapshot.Trials.Length > 0 && snapshot.Trials.All(t => t.Status == TrialStatus.Failed))
        {
            console.MarkupLine($"[red]error:[/] every trial failed; the first said: {Markup.Escape(snapshot.Trials[0].Message ?? "no message")}");
            return ExitCodes.InternalError;
        }

        return ExitCodes.Success;
    }
}
