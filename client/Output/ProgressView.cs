using System.Globalization;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>
/// Watches a sweep until it ends: a live progress bar (done / running / queued, best so far) on a
/// terminal, one line per finished trial otherwise.
/// </summary>
public static class ProgressView
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<SweepSnapshot> WatchAsync(IAnsiConsole console, ISweepGrain sweep, CancellationToken cancellationToken)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await WatchPlainAsync(console, sweep, cancellationToken);
        }

        SweepSnapshot snapshot = await Resilient.CallAsync(sweep.GetSnapshot, cancellationToken, waiting: e => console.MarkupLine(Waiting(e)));
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(snapshot), maxValue: Math.Max(1, snapshot.Spec?.Budget.Trials ?? 1));
                while (true)
                {
                    task.Value = snapshot.Trials.Count(t => t.Status.IsFinished());
                    task.Description = snapshot.StoreProblem is { } problem ? StoreFailing(problem) : Describe(snapshot);
                    if (snapshot.IsFinished)
                    {
                        task.Value = task.MaxValue;
                        break;
                    }

                    await Task.Delay(PollInterval, cancellationToken);
                    snapshot = await Resilient.CallAsync(sweep.GetSnapshot, cancellationToken, waiting: e => task.Description = Waiting(e));
                }
            });
        return snapshot;
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

    private static async Task<SweepSnapshot> WatchPlainAsync(IAnsiConsole console, ISweepGrain sweep, CancellationToken cancellationToken)
    {
        var reported = new HashSet<int>();
        var waiting = false;
        string? storeProblem = null;
        while (true)
        {
            var snapshot = await Resilient.CallAsync(sweep.GetSnapshot, cancellationToken, waiting: e =>
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

            if (snapshot.StoreProblem != storeProblem)
            {
                console.MarkupLine(snapshot.StoreProblem is { } problem ? StoreFailing(problem) : "the sweep's state is written again; trials go on");
                storeProblem = snapshot.StoreProblem;
            }

            var budget = snapshot.Spec?.Budget.Trials ?? 0;
            var newlyFinished = snapshot.Trials.Where(t => t.Status.IsFinished() && !reported.Contains(t.Number)).OrderBy(t => t.FinishOrder).ToList();
            foreach (var trial in newlyFinished)
            {
                reported.Add(trial.Number);
                var last = trial.LastEpoch;
                var figures = last is null ? "" : string.Concat(last.Values.Select(m => $" {m.Key}={m.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
                console.WriteLine($"[{reported.Count}/{budget}] {trial.TrialId} {trial.Status.ToWireName()} after {trial.Epochs.Length} epoch(s){figures}{(trial.Message is null ? "" : " - " + trial.Message)}");
                foreach (var sanity in TrialTable.SanityEvents(trial))
                {
                    console.WriteLine($"    ! {sanity}");
                }
            }

            if (snapshot.IsFinished)
            {
                return snapshot;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static string Describe(SweepSnapshot snapshot)
    {
        var done = snapshot.Trials.Count(t => t.Status.IsFinished());
        var running = snapshot.Count(TrialStatus.Running);
        var queued = snapshot.Count(TrialStatus.Pending) + Math.Max(0, (snapshot.Spec?.Budget.Trials ?? 0) - snapshot.Trials.Length);
        if (snapshot.Status != SweepStatus.Running)
        {
            queued = snapshot.Count(TrialStatus.Pending);
        }

        var best = snapshot.Best()?.ObjectiveValue(snapshot.Spec!.Objective);
        var bestText = best is { } b ? $" · best {snapshot.Spec!.Objective.Metric} {b.ToString("F4", CultureInfo.InvariantCulture)}" : "";
        return Markup.Escape($"done {done} · running {running} · queued {queued}{bestText}");
    }
}
