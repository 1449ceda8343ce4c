using System.CommandLine;
using System.Text.Json.Nodes;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Search;
using HyperSearch.Spec;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch check SPEC</c>: the preflight of cs231n. Trains a representative configuration of
/// the space, regularization off, on a tiny subset of the training data and reports whether it can
/// overfit it. Exit 0 when it can, 1 when it cannot (the data pipeline or the model is broken), 2 on
/// a spec or data error. Training runs on a trainer silo through <see cref="IPreflightGrain"/>.
/// </summary>
public static class CheckCommand
{
    private static readonly Argument<string> SpecArgument = new("spec") { Description = "The sweep spec (YAML)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<bool> VerboseOption = RunCommand.Verbose();

    private static readonly Option<int> ExamplesOption = new("--examples")
    {
        Description = "Training examples to overfit",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<int> StepsOption = new("--steps")
    {
        Description = "Full-batch training steps per configuration at most",
        DefaultValueFactory = _ => 300,
    };

    public static Command Build()
    {
        var command = new Command("check", "Preflight: can a representative configuration overfit a few training examples? (exit 1 if not)")
        {
            SpecArgument, GatewayOption, JsonOption, ExamplesOption, StepsOption, VerboseOption,
        };
        command.SetAction(CheckAsync);
        return command;
    }

    private static async Task<int> CheckAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var json = result.GetValue(JsonOption);
        var console = Consoles.ForHumans(json);
        var spec = await SpecLoader.LoadAsync(result.GetValue(SpecArgument)!, result.GetValue(GatewayOption), cancellationToken);
        if (spec.Trainer is not null || spec.Data is not { } data)
        {
            throw new UserErrorException("trainer: the preflight trains the built-in toolbox; a plugin's own sanity checks run in its trials");
        }

        var examples = result.GetValue(ExamplesOption);
        var steps = result.GetValue(StepsOption);
        if (examples < 1 || steps < 1)
        {
            throw new UserErrorException("--examples and --steps: must be at least 1");
        }

        var candidates = PreflightPlan.Candidates(spec);
        var request = new PreflightRequest([.. candidates], data, spec.Search.Seed, examples, steps);
        var report = await RunAsync(result, request, EmbeddedRoots.ForSpec(result.GetValue(SpecArgument)!, spec), cancellationToken);
        if (report.Error is not null)
        {
            throw new UserErrorException(report.Error);
        }

        for (var i = 0; i < report.Attempts.Length; i++)
        {
            var attempt = report.Attempts[i];
            var verdict = attempt.Passed ? "[green]ok[/]" : "[red]fails[/]";
            var parameters = string.Join(" ", attempt.Parameters.Select(p => $"{p.Key}={p.Value}"));
            console.MarkupLine($"{verdict} configuration {i + 1} ({Markup.Escape(parameters)}): {Markup.Escape(attempt.Summary)}");
        }

        console.MarkupLine(report.Passed
            ? $"[green]check passed[/]: {Markup.Escape(spec.Name)} can overfit {examples} examples, so its data and model are wired up"
            : $"[red]check failed[/]: no configuration could overfit {examples} examples; fix the pipeline before sweeping");
        if (json)
        {
            Console.Out.WriteLine(ToJson(report).ToJsonString());
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static async Task<PreflightReport> RunAsync(ParseResult result, PreflightRequest request, IReadOnlyList<string> readRoots, CancellationToken cancellationToken)
    {
        var gateway = result.GetValue(GatewayOption);
        if (gateway is not null)
        {
            await using var cluster = await ClusterConnection.ConnectAsync(gateway, cancellationToken);
            return await cluster.Grains.GetGrain<IPreflightGrain>(0).CheckOverfit(request);
        }

        // An embedded silo with no trainer slots and a state directory of its own: the check keeps no
        // state and must not touch the sweeps of the default state directory.
        var state = Directory.CreateTempSubdirectory("hypersearch-check-");
        try
        {
            await using var embedded = await ClusterConnection.StartEmbeddedAsync(
                new EmbeddedSiloOptions(Slots: 0, state.FullName, result.GetValue(VerboseOption)) { ReadRoots = readRoots }, cancellationToken);
            return await embedded.Grains.GetGrain<IPreflightGrain>(0).CheckOverfit(request);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static JsonObject ToJson(PreflightReport report) => new()
    {
        ["passed"] = report.Passed,
        ["attempts"] = new JsonArray(report.Attempts.Select(attempt => (JsonNode)new JsonObject
        {
            ["params"] = new JsonObject(attempt.Parameters.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Key, p.Value.ToJson()))),
            ["passed"] = attempt.Passed,
            ["steps"] = attempt.Steps,
            ["initialLoss"] = Finite(attempt.InitialLoss),
            ["finalLoss"] = Finite(attempt.FinalLoss),
            ["finalAccuracy"] = Finite(attempt.FinalAccuracy),
            ["summary"] = attempt.Summary,
        }).ToArray()),
    };

    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
