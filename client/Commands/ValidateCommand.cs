using System.CommandLine;
using HyperSearch.Client.Output;
using HyperSearch.Spec;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch validate SPEC [--gateway ...]</c>: parses and checks a spec against its trainer's
/// schema and reads its data files, here or on a silo of the cluster; changes nothing.
/// </summary>
public static class ValidateCommand
{
    private static readonly Argument<string> SpecArgument = new("spec") { Description = "The sweep spec (YAML)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();

    public static Command Build()
    {
        var command = new Command("validate", "Check a spec, its trainer and its data set without running anything") { SpecArgument, GatewayOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            var spec = await SpecLoader.LoadAsync(result.GetValue(SpecArgument)!, result.GetValue(GatewayOption), cancellationToken);

            var console = Consoles.Writing(result.InvocationConfiguration.Output);
            var trainer = spec.Trainer is { } named ? $"trainer {named}" : "the built-in trainer";
            var data = spec.Data is { } d ? $"data {d.Dataset} at {d.Path}" : "no data section";
            console.MarkupLine($"[green]ok[/]: {Markup.Escape(spec.Name)}: {spec.Budget.Trials} trials of up to {spec.Budget.MaxEpochs} epochs, " +
                $"{SpecNames.Of(spec.Search.Strategy)} search over {spec.Space.Length} parameters, {Markup.Escape(trainer)}, {Markup.Escape(data)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
