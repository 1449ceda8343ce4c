using System.Globalization;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>
/// Watches a sweep until it ends: a live progress bar (done / running / queued, best so far) on a
/// terminal, one line per finished trial otherwise. It follows the sweep's summary
/// (<see cref="ISweepGrain.WatchSummary"/>, a long poll) and, for the plain lines, only the trials
/// that changed (<see cref="TrialMirror"/>): the full snapshot is read once, at the end.
/// </summary>
public static class ProgressView
{
    /// <summary>
    /// How long one watch call may wait for news; a store problem shows within it. Ctrl-C does not
    /// wait for it: each call is abandoned at once (WaitAsync), as the old 500 ms poll's delay was.
    /// </summary>
    private static readonly TimeSpan WatchWait = TimeSpan.FromSeconds(2);

    public static async Task<SweepSnapshot> WatchAsync(IAnsiConsole console, ISweepGrain sweep, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            await WatchPlainAsync(console, sweep, cancellationToken);
            return await Resilient.CallAsync(sweep.GetSnapshot, cancellationToken, waiting: e => console.MarkupLine(Waiting(e)));
        }

        var summary = await Resilient.CallAsync(() => sweep.WatchSummary(-1, WatchWait).WaitAsync(cancellationToken), cancellationToken, waiting: e => console.MarkupLine(Waiting(e)));
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(summary), maxValue: Math.Max(1, summary.TrialBudget));
                while (true)
                {
                    task.Value = summary.Finished;
                    task.Description = summary.StoreProblem is { } problem ? StoreFailing(problem) : Describe(summary);
                    if (summary.IsFinished)
                    {
                        task.Value = task.MaxValue;
                        break;
                    }

                    var known = summary.Version;
                    summary = await Resilient.CallAsync(() => sweep.WatchSummary(known, WatchWait).WaitAsync(cancellationToken), cancellationToken, waiting: e => task.Description = Waiting(e));
                }
            });
        return await Resilient.CallAsync(sweep.GetSnapshot, cancellationToken, waiting: e => console.MarkupLine(Waiting(e)));
    }

    /// <summary>What a watcher shows while a call to the cluster fails and is retried (a silo dying, the store down).</summary>
    private static string Waiting(Exception e)
    {
        var reason = e.Message.Split('\n')[0];
        return $"[yellow]waiting for the cluster[/]: {Markup.Escape(reason.Length > 120 ? reason[..120] + "..." : reason)} (retrying for up to {Resilient.DefaultPatience.TotalSeconds:0} s)";
    }

    /// <summary>What a watcher shows while the sweep's own state cannot be written (the silo holds new trials meanwhile).</summary>
    private static string StoreFailing(string problem) =>
        $"[yellow]waiting for the state store[/]: the sweep's state cannot be written ({Markup.Escape(problem)}); " +
        "no new trial starts, finished ones are kept and stored as soon as a write succeeds";

    private static async Task WatchPlainAsync(IAnsiConsole console, ISweepGrain sweep, CancellationToken cancellationToken)
    {
        var reported = new HashSet<int>();
        var mirror = new TrialMirror();
        var waiting = false;
        string? storeProblem = null;
        string? retraining = null;
        var known = -1L;
        while (true)
        {
            var summary = await CallAsync(() => sweep.WatchSummary(known, WatchWait).WaitAsync(cancellationToken));
            if (summary.StoreProblem != storeProblem)
            {
                console.MarkupLine(summary.StoreProblem is { } problem ? StoreFailing(problem) : "the sweep's state is written again; trials go on");
                storeProblem = summary.StoreProblem;
            }

            if (summary.Version != known)
            {
                await CallAsync(async () =>
                {
                    await mirror.SyncAsync(sweep.GetTrials, summary.TrialCount);
                    return true;
                });
                known = summary.Version;
            }

            var newlyFinished = mirror.Trials.Where(t => t.Status.IsFinished() && !reported.Contains(t.Number)).OrderBy(t => t.FinishOrder).ToList();
            foreach (var trial in newlyFinished)
            {
                reported.Add(trial.Number);
                var last = trial.LastEpoch;
                var figures = last is null ? "" : string.Concat(last.Values.Select(m => $" {m.Key}={m.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
                console.WriteLine($"[{reported.Count}/{summary.TrialBudget}] {trial.TrialId} {trial.Status.ToWireName()} after {trial.Epochs.Length} epoch(s){figures}{(trial.Message is null ? "" : " - " + trial.Message)}");
                foreach (var sanity in TrialTable.SanityEvents(trial))
                {
                    console.WriteLine($"    ! {sanity}");
                }
            }

            if (Retraining(summary) is { } line && line != retraining)
            {
                console.WriteLine(line);
                retraining = line;
            }

            if (summary.IsFinished)
            {
                return;
            }
        }

        async Task<T> CallAsync<T>(Func<Task<T>> call)
        {
            var result = await Resilient.CallAsync(call, cancellationToken, waiting: e =>
            {
                if (!waiting)
                {
                    console.MarkupLine(Waiting(e));
                    waiting = true;
                }
            });
            if (waiting)
            {
                console.WriteLine("the cluster answers again");
                waiting = false;
            }

            return result;
        }
    }

    private static string Describe(SweepSummary summary)
    {
        var bestText = summary.BestValue is { } b ? $" · best {summary.ObjectiveMetric} {b.ToString("F4", CultureInfo.InvariantCulture)}" : "";
        var retrainText = Retraining(summary) is { } retraining ? $" · {retraining}" : "";
        return Markup.Escape($"done {summary.Finished} · running {summary.Count(TrialStatus.Running)} · queued {summary.Queued}{bestText}{retrainText}");
    }

    /// <summary>ensemble.retrain's progress once the search ended; null before (or without) it.</summary>
    private static string? Retraining(SweepSummary summary) => summary.RetrainCounts is { } counts
        ? $"retraining the ensemble's candidates on training + validation: {counts.Sum() - summary.RetrainsOpen} of {counts.Sum()} done, {counts[(int)TrialStatus.Running]} running"
        : null;
}
