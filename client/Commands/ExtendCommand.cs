using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch extend SWEEP --trials N</c>: more trials for a sweep that finished or is running
/// (core/Sweeps/SweepExtension.cs); its trials are kept, none runs again. Embedded, this process
/// trains the new trials and watches the sweep to its end; with <c>--gateway</c> the cluster does.
/// </summary>
public static class ExtendCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep to extend (finished or running)" };
    private static readonly Option<int> TrialsOption = new("--trials") { Description = "How many trials to add", Required = true };
    private static readonly Option<int?> ParallelismOption = new("--parallelism") { Description = "A new budget.parallelism (default: unchanged)" };
    private static readonly Option<string?> TimeLimitOption = new("--time-limit") { Description = $"Time the sweep may run from now on ({SpecDuration.Examples}); needed when its old limit is spent" };
    private static readonly Option<string?> GatewayOption = CommonOptions.Gateway();
    private static readonly Option<bool> JsonOption = CommonOptions.Json();
    private static readonly Option<int?> SlotsOption = RunCommand.Slots();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();
    private static readonly Option<bool> VerboseOption = RunCommand.Verbose();

    public static Command Build()
    {
        var command = new Command("extend", "Add trials to a sweep that finished or is running; nothing already run is lost or run again")
        {
            SweepArgument, TrialsOption, ParallelismOption, TimeLimitOption, GatewayOption, JsonOption, SlotsOption, StateDirOption, VerboseOption,
        };
        command.SetAction(ExtendAsync);
        return command;
    }

    private static async Task<int> ExtendAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var sweepId = result.GetValue(SweepArgument)!;
        SweepIds.Check(sweepId);
        var request = Request(result);
        var json = result.GetValue(JsonOption);
        var gateway = result.GetValue(GatewayOption);

        // Embedded: the stored spec names the directories the new trials read, which the silo that trains them must be allowed.
        IReadOnlyList<string> roots = [];
        if (gateway is null)
        {
            await using var reader = await ExplorerConnection.OpenAsync(null, result.GetValue(StateDirOption)!, cancellationToken);
            roots = (await SweepLookup.GetExistingAsync(reader, sweepId)).Spec is { } stored ? EmbeddedRoots.ForStoredSpec(stored) : [];
        }

        await using var connection = await ClusterConnection.OpenAsync(
            gateway, () => RunCommand.EmbeddedOptions(result, SlotsOption, StateDirOption, VerboseOption) with { ReadRoots = roots }, cancellationToken);
        var before = await SweepLookup.GetExistingAsync(connection, sweepId);
        var sweep = connection.Grains.GetGrain<ISweepGrain>(sweepId);
        var outcome = await sweep.Extend(request);
        if (outcome.Refusal is { } refusal)
        {
            throw new UserErrorException(Explain(refusal, sweepId));
        }

        var snapshot = outcome.Snapshot;
        if (connection.IsEmbedded && snapshot.Status == SweepStatus.Paused)
        {
            snapshot = await sweep.Resume(); // its process went away; this one trains it now
        }

        var console = Consoles.ForHumans(json);
        console.MarkupLine($"sweep [bold]{Markup.Escape(sweepId)}[/] extended by {request.Trials} trials to {snapshot.Spec!.Budget.Trials} " +
            $"(was {before.Status.ToWireName()}; {snapshot.Trials.Count(t => t.Status.IsFinished())} finished trials kept)");
        return await SweepWatch.RunAsync(console, connection, sweep, json, cancellationToken);
    }

    private static ExtendRequest Request(ParseResult result)
    {
        int trials = result.GetValue(TrialsOption);
        if (trials is < 1 or > SpecLimits.Trials)
        {
            throw new UserErrorException($"--trials: must be from 1 to {SpecLimits.Trials}, got {trials}");
        }

        if (result.GetValue(ParallelismOption) is { } parallelism && parallelism is < 1 or > SpecLimits.Parallelism)
        {
            throw new UserErrorException($"--parallelism: must be from 1 to {SpecLimits.Parallelism}, got {parallelism}");
        }

        TimeSpan? timeLimit = null;
        if (result.GetValue(TimeLimitOption) is { } text)
        {
            timeLimit = SpecDuration.TryParse(text, out var limit) ? limit : throw new UserErrorException($"--time-limit: expected a duration such as {SpecDuration.Examples}, got '{text}'");
        }

        return new ExtendRequest(trials, result.GetValue(ParallelismOption), timeLimit);
    }

    private static string Explain(ExtendRefusal refusal, string sweepId) => refusal switch
    {
        ExtendRefusal.NotStarted => $"sweep: {sweepId} was never started",
        ExtendRefusal.Cancelled => $"sweep: {sweepId} was cancelled; start a new sweep (`hypersearch refine {sweepId} --run` starts one from its results)",
        ExtendRefusal.Retrained => $"sweep: {sweepId}'s ensemble members were already retrained (ensemble.retrain); new trials could not join them",
        ExtendRefusal.TimeLimitSpent => $"--time-limit: {sweepId}'s time limit is spent; give the extension one",
        ExtendRefusal.TooManyTrials => $"--trials: the sweep would have more than {SpecLimits.Trials} trials",
        _ => $"sweep: {sweepId} cannot be extended ({refusal})",
    };
}
