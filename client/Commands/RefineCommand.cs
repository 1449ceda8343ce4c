using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Refinement;
using HyperSearch.Spec;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch refine SWEEP</c>: writes the next round's spec from a sweep's trials
/// (core/Refinement/SpecRefiner.cs), each change commented with its evidence; <c>--run</c> starts it.
/// </summary>
public static class RefineCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep to refine (finished or still running)" };
    private static readonly Option<int?> TrialsOption = new("--trials") { Description = "Trials of the next round (default: the sweep's)" };
    private static readonly Option<int?> EpochsOption = new("--epochs") { Description = "Epochs per trial of the next round, budget.max_epochs (default: twice the sweep's)" };
    private static readonly Option<string?> OutputOption = new("--output", "-o")
    {
        Description = "Where to write the next round's spec (default: stdout; with --run, NAME.yaml here, never overwritten)",
    };

    private static readonly Option<bool> RunOption = new("--run") { Description = "Start the next round at once, as `run` would" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<int?> SlotsOption = RunCommand.Slots();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();
    private static readonly Option<bool> VerboseOption = RunCommand.Verbose();

    public static Command Build()
    {
        var command = new Command("refine", "Write the next round of a sweep: ranges narrowed around its best trials, widened at edges, losing choices dropped, more epochs")
        {
            SweepArgument, TrialsOption, EpochsOption, OutputOption, RunOption, GatewayOption, JsonOption, SlotsOption, StateDirOption, VerboseOption,
        };
        command.SetAction(RefineAsync);
        return command;
    }

    private static async Task<int> RefineAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var sweepId = result.GetValue(SweepArgument)!;
        SweepIds.Check(sweepId);
        var run = result.GetValue(RunOption);
        var json = result.GetValue(JsonOption);
        var gateway = result.GetValue(GatewayOption);
        var request = new RefineRequest(sweepId, Positive(result, TrialsOption), Positive(result, EpochsOption));
        if (json && !run)
        {
            throw new UserErrorException("--json: only with --run (the run summary); refine alone writes YAML");
        }

        RefinedSpec refined;
        await using (var connection = await ExplorerConnection.OpenAsync(gateway, result.GetValue(StateDirOption)!, cancellationToken))
        {
            var snapshot = await SweepLookup.GetExistingAsync(connection, sweepId);
            try
            {
                refined = SpecRefiner.Refine(snapshot, request);
            }
            catch (RefineException e)
            {
                throw new UserErrorException(e.Message);
            }
        }

        var yaml = SpecYamlWriter.Write(refined.Spec, Header(refined, sweepId), key => refined.For(key).Select(c => c.Evidence));
        var output = result.GetValue(OutputOption) ?? (run ? DefaultOutput(refined.Spec.Name) : null);
        var console = Consoles.ForHumans(json);
        if (output is null)
        {
            await Console.Out.WriteAsync(yaml);
            return ExitCodes.Success;
        }

        Write(output, yaml);
        console.MarkupLine($"refine: wrote [bold]{Markup.Escape(output)}[/] (round {Markup.Escape(refined.Spec.Name)}, fitted to the best {refined.Best} of {refined.Ranked} trials of {Markup.Escape(sweepId)})");
        foreach (var change in refined.Changes.Where(c => c.Kind != RefineChangeKind.Kept))
        {
            console.MarkupLine($"  {Markup.Escape(change.Key)}: {Markup.Escape(change.Evidence)}");
        }

        return run
            ? await RunCommand.RunSpecAsync(output, gateway, json, () => RunCommand.EmbeddedOptions(result, SlotsOption, StateDirOption, VerboseOption), cancellationToken)
            : ExitCodes.Success;
    }

    private static IEnumerable<string> Header(RefinedSpec refined, string sweepId) =>
    [
        $"{refined.Spec.Name}: written by `hypersearch refine {sweepId}` from that sweep's best {refined.Best}",
        $"of {refined.Ranked} completed or pruned trials by {refined.Spec.Objective.Metric}; each change says on what evidence.",
        "Start it with `hypersearch run` on this file (or use refine --run).",
    ];

    private static int? Positive(ParseResult result, Option<int?> option) =>
        result.GetValue(option) is { } value && value < 1
            ? throw new UserErrorException($"{option.Name}: must be at least 1, got {value}")
            : result.GetValue(option);

    /// <summary>NAME.yaml in the working directory; refused when it exists, so an earlier round's file is never lost.</summary>
    private static string DefaultOutput(string name)
    {
        var file = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('.') + ".yaml";
        if (File.Exists(file))
        {
            throw new UserErrorException($"--output: {Path.GetFullPath(file)} exists; name another file with --output");
        }

        return file;
    }

    private static void Write(string output, string yaml)
    {
        var full = Path.GetFullPath(output);
        if (Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
        {
            throw new UserErrorException($"--output: directory not found: {directory}");
        }

        try
        {
            File.WriteAllText(full, yaml);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"--output: cannot write {full}: {e.Message}");
        }
    }
}
