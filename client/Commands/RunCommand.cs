using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch run SPEC</c>: starts a sweep, shows its progress, then the ranked trials and the summary.</summary>
public static class RunCommand
{
    private static readonly Argument<string> SpecArgument = new("spec") { Description = "The sweep spec (YAML)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<int?> SlotsOption = Slots();
    private static readonly Option<string> StateDirOption = StateDir();
    private static readonly Option<bool> VerboseOption = Verbose();
    private static readonly Option<int?> MetricsPortOption = new("--metrics-port")
    {
        Description = "Serve the embedded silo's metrics for Prometheus at http://127.0.0.1:PORT/metrics while the sweep runs",
    };

    public static Option<int?> Slots() => new("--slots") { Description = "Trainer slots of the embedded silo (default: one per core)" };

    /// <summary>Where embedded silos keep sweep state unless told otherwise (relative to the working directory).</summary>
    public static readonly string DefaultStateDirectory = Path.Combine(".hypersearch", "state");

    public static Option<string> StateDir() => new("--state-dir")
    {
        Description = "Where the embedded silo keeps sweep state",
        DefaultValueFactory = _ => DefaultStateDirectory,
    };

    public static Option<bool> Verbose() => new("--verbose") { Description = "Show the silo's log" };

    /// <summary>The embedded silo's settings from a command line's options.</summary>
    public static EmbeddedSiloOptions EmbeddedOptions(ParseResult result, Option<int?> slots, Option<string> stateDir, Option<bool> verbose)
    {
        if (result.GetValue(slots) is <= 0 or > DeviceSlots.MaxSlots)
        {
            throw new UserErrorException($"--slots: must be from 1 to {DeviceSlots.MaxSlots}, got {result.GetValue(slots)}");
        }

        return new EmbeddedSiloOptions(result.GetValue(slots), result.GetValue(stateDir)!, result.GetValue(verbose));
    }

    private static int? MetricsPort(ParseResult result)
    {
        var port = result.GetValue(MetricsPortOption);
        return port is null or (> 0 and <= 65535) ? port : throw new UserErrorException($"--metrics-port: expected a port from 1 to 65535, got {port}");
    }

    public static Command Build()
    {
        var command = new Command("run", "Run a sweep: an embedded silo trains it here, or --gateway sends it to a cluster")
        {
            SpecArgument, GatewayOption, JsonOption, SlotsOption, StateDirOption, VerboseOption, MetricsPortOption,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken) =>
        RunSpecAsync(
            result.GetValue(SpecArgument)!,
            result.GetValue(GatewayOption),
            result.GetValue(JsonOption),
            () => EmbeddedOptions(result, SlotsOption, StateDirOption, VerboseOption) with { MetricsPort = MetricsPort(result) },
            cancellationToken);

    /// <summary>
    /// Checks the spec at <paramref name="path"/> where it will run, starts it as a new sweep and watches
    /// it to its end (<c>run</c>, and <c>refine --run</c> with the spec it wrote).
    /// </summary>
    /// <param name="embedded">The embedded silo's settings, when there is no <paramref name="gateway"/>; the spec's directories are added to what it may read.</param>
    public static async Task<int> RunSpecAsync(string path, string? gateway, bool json, Func<EmbeddedSiloOptions> embedded, CancellationToken cancellationToken)
    {
        var console = Consoles.ForHumans(json);

        // Embedded: checked here before a silo starts; a cluster checks it on a silo, where it runs.
        var local = gateway is null ? SpecLoader.LoadHere(path) : null;
        await using var connection = await ClusterConnection.OpenAsync(
            gateway, () => embedded() with { ReadRoots = EmbeddedRoots.ForSpec(path, local!) }, cancellationToken);
        var spec = local ?? await SpecLoader.LoadOnClusterAsync(connection.Grains, path);
        foreach (var earlier in spec.WarmStart?.Sweeps ?? [])
        {
            if ((await connection.Grains.GetGrain<ISweepGrain>(earlier).GetSnapshot()).Status == SweepStatus.Created)
            {
                throw new UserErrorException($"warm_start.sweeps: no sweep '{earlier}' on {connection.Gateway} (see `hypersearch list`)");
            }
        }

        var sweepId = SweepIds.New(spec.Name, DateTime.UtcNow);
        var sweep = connection.Grains.GetGrain<ISweepGrain>(sweepId);
        await sweep.Start(spec);
        var parent = spec.Parent is { } refined ? $", refining {Markup.Escape(refined)}" : "";
        console.MarkupLine($"sweep [bold]{Markup.Escape(sweepId)}[/] started ({connection.Description}, gateway {Markup.Escape(connection.Gateway)}{parent})");
        return await SweepWatch.RunAsync(console, connection, sweep, json, cancellationToken);
    }
}
