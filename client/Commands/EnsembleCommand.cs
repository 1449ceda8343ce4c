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

    private static readonly Option<int?> SortedInitOption = new("--sorted-init")
    {
        Description = $"greedy: start from the best n candidates, n up to this, whichever average is best on validation (default {SelectionSettings.DefaultSortedInit})",
    };

    private static readonly Option<int?> MinMembersOption = new("--min-members") { Description = "greedy: at least this many distinct members (default 1)" };
    private static readonly Option<int?> BagsOption = new("--bags") { Description = "greedy: N selections over random halves of the candidates, weights averaged (default 0: one selection over all)" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();

    public static Command Build()
    {
        var command = new Command("ensemble", "Build an ensemble from a finished sweep and compare it with the best single model")
        {
            SweepArgument, TopOption, MethodOption, AugmentationOption, SortedInitOption, MinMembersOption, BagsOption, GatewayOption, JsonOption, StateDirOption,
        };
        MethodOption.AcceptOnlyFromAmong([.. SpecNames.EnsembleMethods.Keys]);
        AugmentationOption.AcceptOnlyFromAmong([.. SpecNames.TestTimeAugmentations.Keys]);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(TopOption) < 1)
            {
                throw new UserErrorException("--top: must be at least 1");
            }

            var method = SpecNames.EnsembleMethods[result.GetValue(MethodOption)!];
            var selection = Selection(result, method);
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
                method,
                SpecNames.TestTimeAugmentations[result.GetValue(AugmentationOption)!],
                selection);
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

    /// <summary>Greedy selection's settings from the options (null when none is given); the spec's limits, one error line each.</summary>
    private static SelectionSettings? Selection(ParseResult result, EnsembleMethod method)
    {
        var sortedInit = result.GetValue(SortedInitOption);
        var minMembers = result.GetValue(MinMembersOption);
        var bags = result.GetValue(BagsOption);
        if (sortedInit is null && minMembers is null && bags is null)
        {
            return null;
        }

        if (method != EnsembleMethod.Greedy)
        {
            throw new UserErrorException("--sorted-init, --min-members and --bags: only greedy selection uses them");
        }

        if (sortedInit < 1 || minMembers < 1 || bags is < 0 or > SelectionSettings.MaxBags)
        {
            throw new UserErrorException($"--sorted-init and --min-members must be at least 1, --bags from 0 to {SelectionSettings.MaxBags}");
        }

        if (minMembers > result.GetValue(TopOption))
        {
            throw new UserErrorException($"--min-members: must be at most --top ({result.GetValue(TopOption)}), got {minMembers}");
        }

        var defaults = SelectionSettings.Default;
        return defaults with
        {
            SortedInit = sortedInit ?? defaults.SortedInit,
            MinMembers = minMembers ?? defaults.MinMembers,
            Bags = bags ?? defaults.Bags,
        };
    }
}
