using System.CommandLine;
using HyperSearch.Client.Output;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch validate SPEC</c>: parses and checks a spec and its data, changes nothing.</summary>
public static class ValidateCommand
{
    private static readonly Argument<string> SpecArgument = new("spec") { Description = "The sweep spec (YAML)" };

    public static Command Build()
    {
        var command = new Command("validate", "Check a spec and its data set without running anything") { SpecArgument };
        command.SetAction(result =>
        {
            var spec = SpecLoader.Load(result.GetValue(SpecArgument)!);
            SpecLoader.VerifyData(spec);
            var console = Consoles.ForHumans(json: false);
            console.MarkupLine($"[green]ok[/]: {Markup.Escape(spec.Name)}: {spec.Budget.Trials} trials of up to {spec.Budget.MaxEpochs} epochs, " +
                $"{spec.Search.Strategy.ToString().ToLowerInvariant()} search over {spec.Space.Length} parameters, data {Markup.Escape(spec.Data.Dataset)} at {Markup.Escape(spec.Data.Path)}");
            return ExitCodes.Success;
        });
        return command;
    }
}
