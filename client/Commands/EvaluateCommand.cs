using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Sweeps;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch evaluate ENSEMBLE</c>: reloads a saved ensemble's checkpoints and scores it on the test set again.</summary>
public static class EvaluateCommand
{
    private static readonly Argument<string> ManifestArgument = new("ensemble") { Description = "A saved ensemble's manifest (the path `run` or `ensemble` printed)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();

    public static Command Build()
    {
        var command = new Command("evaluate", "Reload a saved ensemble and report its test figures again") { ManifestArgument, GatewayOption, JsonOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = Path.GetFullPath(result.GetValue(ManifestArgument)!);
            if (!File.Exists(path))
            {
                throw new UserErrorException($"ensemble: file not found: {path}");
            }

            var json = result.GetValue(JsonOption);
            var gateway = result.GetValue(GatewayOption);
            // No trainer slots: evaluators reload checkpoints on their own threads.
            await using var connection = await ClusterConnection.OpenAsync(
                gateway, () => new EmbeddedSiloOptions(0, RunCommand.DefaultStateDirectory, false) { ReadRoots = EmbeddedRoots.ForManifest(path) }, cancellationToken);
            EnsembleReport report;
            try
            {
                report = await connection.Grains.GetGrain<IEnsembleGrain>("evaluate").Evaluate(path);
            }
            catch (InvalidDataException e)
            {
                throw new UserErrorException($"ensemble: {e.Message}");
            }

            EnsembleView.Render(Consoles.ForHumans(json), report);
            if (json)
            {
                Console.Out.WriteLine(RunSummary.EnsembleJson(report).ToJsonString());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
