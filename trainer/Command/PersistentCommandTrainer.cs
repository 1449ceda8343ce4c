using System.Diagnostics;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// Runs command trials on a slot's persistent worker (<c>trainer: { command, persistent: true }</c>):
/// the program starts once and trains trial after trial, so its start-up (importing a framework,
/// reading the data) is paid once per slot instead of once per trial. Each trial is one JSON line on
/// the worker's stdin; each epoch report is answered with continue or stop, so a pruning decision
/// reaches the script between epochs without killing it.
/// A worker that exits with an error status fails its trial (a script fails the same way twice); one
/// killed by a signal, or silent past <c>report_timeout</c>, loses its trial to a new attempt
/// (<see cref="WorkerLostException"/>). Either way the next trial gets a fresh worker.
/// </summary>
/// <param name="workers">The slot's worker; null: a worker of this trial's own, closed after it.</param>
public sealed class PersistentCommandTrainer(CommandSettings settings, CommandWorkers? workers) : ITrainer
{
    /// <summary>Set in a persistent worker's environment: the hypersearch Python module then reads trials from stdin.</summary>
    public const string ProtocolVariable = "HYPERSEARCH_PROTOCOL";

    public const string ProtocolName = "persistent";

    /// <summary>The lowest exit status the guard passes on for a death by signal (128 + N).</summary>
    private const int SignalExitBase = 128;

    public TrainerSchema Schema => settings.Schema;

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        var own = workers is null ? new CommandWorkers() : null;
        try
        {
            return Train(context, reporter, workers ?? own!);
        }
        finally
        {
            own?.Dispose();
        }
    }

    private TrialResult Train(TrialContext context, IEpochReporter reporter, CommandWorkers slot)
    {
        var trialDirectory = CommandTrainer.TrialDirectory(context);
        var parametersJson = CommandTrainer.ParametersJson(context.Parameters);
        File.WriteAllText(Path.Combine(trialDirectory, CommandTrainer.ParametersFile), parametersJson);
        var tail = new LogTail(CommandTrainer.TailLines);
        var assignment = WorkerAssignment.Trial(context, trialDirectory, parametersJson);
        var worker = Assign(slot, context, tail, assignment);
        var reports = new TrialReports(context, reporter, tail);
        var end = Follow(slot, worker, reports, context, reporter);
        WriteLogAndTail(trialDirectory, tail, out var tailText);
        return Finish(end, slot, worker, reports, trialDirectory, tailText);
    }

    /// <summary>Hands the trial to the slot's worker; a worker found dead between trials is replaced once.</summary>
    private PersistentWorker Assign(CommandWorkers slot, TrialContext context, LogTail tail, string assignment)
    {
        for (var attempt = 1; ; attempt++)
        {
            PersistentWorker worker;
            try
            {
                worker = slot.Acquire(settings, context.Device);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new TrialConfigurationException($"trainer.command: cannot start {settings.Arguments[0]}: {e.Message}");
            }

            worker.Output.Tail = tail;
            try
            {
                worker.Send(assignment);
                return worker;
            }
            catch (IOException) when (attempt == 1)
            {
                slot.Discard();
            }
        }
    }

    private WorkerEnd Follow(CommandWorkers slot, PersistentWorker worker, TrialReports reports, TrialContext context, IEpochReporter reporter)
    {
        var sinceReport = Stopwatch.StartNew();
        var stopping = false;
        Stopwatch? sinceStop = null;
        while (true)
        {
            string? line;
            try
            {
                if (!worker.Output.TryTake(out line, CommandTrainer.PollMilliseconds, context.Cancellation))
                {
                    if (worker.HasExited)
                    {
                        return Drain(worker, reports);
                    }

                    if (sinceStop?.Elapsed > settings.Grace)
                    {
                        // Told to stop (or asked between reports) and still busy: no waiting for its epoch to end.
                        slot.Discard();
                        return WorkerEnd.Stopped;
                    }

                    if (reporter.StopRequested && sinceStop is null)
                    {
                        // Cancelled or out of time: the answer to its next report says stop, within the grace period.
                        stopping = true;
                        sinceStop = Stopwatch.StartNew();
                    }

                    if (sinceReport.Elapsed > settings.ReportTimeout)
                    {
                        slot.Discard();
                        return WorkerEnd.Silent;
                    }

                    continue;
                }
            }
            catch (OperationCanceledException)
            {
                // The silo is going away: the attempt runs again elsewhere.
                slot.Discard();
                return WorkerEnd.Stopped;
            }

            if (line is null)
            {
                // It closed its stdout: it is ending, or no longer able to talk (Drain kills its group).
                return Drain(worker, reports);
            }

            switch (WorkerLine.Parse(line, out var epoch))
            {
                case WorkerLineKind.End:
                    return stopping ? WorkerEnd.Stopped : WorkerEnd.Ended;
                case WorkerLineKind.Report when epoch is not null:
                    sinceReport.Restart();
                    var directive = stopping ? null : reports.Accept(epoch);
                    if (directive != TrialDirective.Continue || reporter.StopRequested)
                    {
                        // Refused (past max_epochs), pruned, diverged or cancelled: this trial ends here.
                        stopping = true;
                        sinceStop ??= Stopwatch.StartNew();
                    }

                    TrySend(worker, stopping ? WorkerAssignment.Stop : WorkerAssignment.Continue);
                    break;
                default:
                    reports.Log(line);
                    break;
            }
        }
    }

    /// <summary>A worker that exited mid-trial: its last lines (a final report) still count.</summary>
    private WorkerEnd Drain(PersistentWorker worker, TrialReports reports)
    {
        worker.Kill(); // what it left in its group goes too
        foreach (var line in worker.Output.Rest(settings.Grace))
        {
            if (WorkerLine.Parse(line, out var epoch) == WorkerLineKind.Report && epoch is not null)
            {
                reports.Accept(epoch);
            }
            else
            {
                reports.Log(line);
            }
        }

        return WorkerEnd.Exited;
    }

    private TrialResult Finish(WorkerEnd end, CommandWorkers slot, PersistentWorker worker, TrialReports reports, string trialDirectory, string tailText)
    {
        worker.TrialsServed++;
        if (end == WorkerEnd.Exited)
        {
            var status = worker.ExitCode;
            slot.Discard();
            if (status > SignalExitBase && status <= SignalExitBase + 64)
            {
                throw new WorkerLostException($"the worker died by signal {status - SignalExitBase} after epoch {reports.Epochs}; the trial runs again{CommandTrainer.Suffix(tailText)}");
            }

            if (status != 0)
            {
                throw new CommandFailedException($"exit code {status} after epoch {reports.Epochs}{CommandTrainer.Suffix(tailText)}");
            }
        }
        else if (settings.MaxTrialsPerProcess is { } most && worker.TrialsServed >= most)
        {
            slot.Close(); // recycled: the next trial gets a fresh process
        }

        switch (end)
        {
            case WorkerEnd.Silent:
                throw new WorkerLostException(
                    $"no report for {CommandTrainer.Format(settings.ReportTimeout)} (trainer.report_timeout): the worker was killed after epoch {reports.Epochs}; the trial runs again{CommandTrainer.Suffix(tailText)}");
            case WorkerEnd.Stopped:
                return new TrialResult(TrialEnd.Stopped, reports.Epochs, $"stopped after epoch {reports.Epochs}") { CheckpointDirectory = CommandTrainer.EnsembleDirectory(trialDirectory) };
            default:
                if (reports.Unranked("report each epoch with trial.report(epoch, val_accuracy=...)") is { } reason)
                {
                    throw new CommandFailedException($"{reason}{CommandTrainer.Suffix(tailText)}");
                }

                return new TrialResult(TrialEnd.Completed, reports.Epochs) { CheckpointDirectory = CommandTrainer.EnsembleDirectory(trialDirectory) };
        }
    }

    private static void TrySend(PersistentWorker worker, string line)
    {
        try
        {
            worker.Send(line);
        }
        catch (IOException)
        {
            // It died: its stdout ends next, and the trial ends with it.
        }
    }

    private static void WriteLogAndTail(string trialDirectory, LogTail tail, out string tailText)
    {
        CommandTrainer.WriteLog(trialDirectory, tail);
        tailText = string.Join(" | ", tail.Last(CommandTrainer.MessageLines).Where(l => l.Length > 0));
    }

    private enum WorkerEnd
    {
        /// <summary>It said the trial is over and waits for the next.</summary>
        Ended,

        /// <summary>It exited (or closed stdout) in the middle of the trial.</summary>
        Exited,

        /// <summary>The sweep stopped the trial.</summary>
        Stopped,

        /// <summary>Silent past the report timeout: killed.</summary>
        Silent,
    }
}
