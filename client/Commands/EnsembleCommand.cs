using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch ensemble SWEEP</c>: builds an ensemble from a finished sweep's best trials.</summary>
public static class EnsembleCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep id" };
    private static readonly Option<int> TopOption = new("--top") { Description = "How many of the best trials may join", DefaultValueFactory = _ => 5 };
    private static readonly Option<string> MethodOption = new("--method")
    {
        Description = "greedy (Caruana's forward selection on validation probabilities) or average (top-k, equal weights)",
        DefaultValueFactory = _ => "greedy",
    };

    private static readonly Option<string> AugmentationOption = new("--test-time-augmentation")
    {
        Description = "flip: also score the ensemble and the best single model on the test images averaged with their mirror images (built-in trainer's checkpoints)",
        DefaultValueFactory = _ => "none",
    };

    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();

    public static Command Build()
    {
        var command = new Command("ensemble", "Build an ensemble from a finished sweep and compare it with the best single model")
        {
            SweepArgument, TopOption, MethodOption, AugmentationOption, GatewayOption, JsonOption, StateDirOption,
        };
        MethodOption.AcceptOnlyFromAmong([.. SpecNames.EnsembleMethods.Keys]);
        AugmentationOption.AcceptOnlyFromAmong([.. SpecNames.TestTimeAugmentations.Keys]);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(TopOption) < 1)
            {
                throw new UserErrorException("--top: must be at least 1");
            }

            var json = result.GetValue(JsonOption);
            var gateway = result.GetValue(GatewayOption);
            // No trainer slots: building an ensemble reads saved probabilities (test-time augmentation predicts on the evaluator), it trains nothing.
            await using var connection = await ClusterConnection.OpenAsync(
                gateway, () => new EmbeddedSiloOptions(0, result.GetValue(StateDirOption)!, false), cancellationToken);
            var sweepId = result.GetValue(SweepArgument)!;
            var snapshot = await SweepLookup.GetExistingAsync(connection, sweepId);
            if (snapshot.Count(TrialStatus.Completed) == 0)
            {
                throw new UserErrorException($"sweep: {sweepId} has no completed trial yet");
            }

            var request = new EnsembleRequest(
                result.GetValue(TopOption),
                SpecNames.EnsembleMethods[result.GetValue(MethodOption)!],
                SpecNames.TestTimeAugmentations[result.GetValue(AugmentationOption)!]);
            var report = await connection.Grains.GetGrain<IEnsembleGrain>(sweepId).Build(request);
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
