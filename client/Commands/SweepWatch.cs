using HyperSearch.Client.Cluster;
using HyperSearch.Client.Output;
using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// Shared by <c>run</c> and <c>resume</c>: watches a sweep to its end, then prints the ranked trials,
/// the warnings and (with --json) the summary. Ctrl-C or SIGTERM pauses an embedded sweep (so
/// <c>resume</c> continues it) or just stops watching a cluster's sweep, which goes on there.
/// </summary>
public static class SweepWatch
{
    public static async Task<int> RunAsync(IAnsiConsole console, ClusterConnection connection, ISweepGrain sweep, bool json, CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        SweepSnapshot snapshot;
        using (StopSignals.Listen(interrupt.Cancel))
        {
            try
            {
                snapshot = await ProgressView.WatchAsync(console, sweep, interrupt.Token);
            }
            catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
            {
                snapshot = connection.IsLocal ? await sweep.Pause() : await sweep.GetSnapshot();
            }
        }

        TrialTable.Render(console, snapshot);
        foreach (var warning in RunSummary.Warnings(snapshot))
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        var ensemble = interrupt.IsCancellationRequested ? null : await BuildEnsembleAsync(console, connection, snapshot);
        if (json)
        {
            Console.Out.WriteLine(RunSummary.Build(snapshot, DateTime.UtcNow, ensemble).ToJsonString());
        }

        if (!interrupt.IsCancellationRequested)
        {
            await JoinedSweeps.WaitAsync(console, connection, cancellationToken);
        }

        if (interrupt.IsCancellationRequested)
        {
            console.MarkupLine(connection.IsLocal
                ? $"[yellow]paused[/]: finished trials are kept; [bold]hypersearch resume {Markup.Escape(snapshot.SweepId)}[/] continues the sweep"
                : $"[yellow]stopped watching[/]: the sweep goes on in the cluster; [bold]hypersearch status {Markup.Escape(snapshot.SweepId)} --gateway {Markup.Escape(connection.Gateway)}[/] shows it");
            return ExitCodes.Interrupted;
        }

        if (snapshot.Trials.Length > 0 && snapshot.Trials.All(t => t.Status == TrialStatus.Failed))
        {
            console.MarkupLine($"[red]error:[/] every trial failed; the first said: {Markup.Escape(snapshot.Trials[0].Message ?? "no message")}");
            return ExitCodes.InternalError;
        }

        return ExitCodes.Success;
    }

    /// <summary>The spec's <c>ensemble:</c>, built once the sweep has completed; a failure is a warning, not a failed run.</summary>
    private static async Task<EnsembleReport?> BuildEnsembleAsync(IAnsiConsole console, ClusterConnection connection, SweepSnapshot snapshot)
    {
        if (snapshot.Spec?.Ensemble is not { } spec || snapshot.Status != SweepStatus.Completed || snapshot.Count(TrialStatus.Completed) == 0)
        {
            return null;
        }

        try
        {
            var report = await connection.Grains.GetGrain<IEnsembleGrain>(snapshot.SweepId).Build(new EnsembleRequest(spec.TopK, spec.Method, spec.Augmentation, spec.Selection));
            EnsembleView.Render(console, report);
            return report;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
        {
            console.MarkupLine($"[yellow]warning:[/] no ensemble: {Markup.Escape(e.Message)}");
            return null;
        }
    }
}
