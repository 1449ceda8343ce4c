using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// Runs a training command as the trial (<c>trainer: { command: [...] }</c>): any program in any
/// language. Its parameters arrive as <c>{name}</c> placeholders and in <c>HYPERSEARCH_PARAMS</c>;
/// its reports come back on stdout (<see cref="ReportLine"/>); a stop from the sweep is SIGTERM to
/// its process group, then SIGKILL after the grace period.
/// </summary>
public sealed class CommandTrainer(CommandSettings settings) : ITrainer
{
    /// <summary>Lines of log output kept for the failure message (the last ones) and the trial's log file.</summary>
    internal const int TailLines = 200;
    internal const int MessageLines = 5;

    /// <summary>How often a quiet process is checked for having exited or gone silent too long.</summary>
    internal const int PollMilliseconds = 200;

    /// <summary>The trial's log output, in its trial directory.</summary>
    public const string LogFile = "output.log";

    /// <summary>The trial's parameters as JSON, in its trial directory.</summary>
    public const string ParametersFile = "params.json";

    public TrainerSchema Schema => settings.Schema;

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        var trialDirectory = TrialDirectory(context);
        var parametersJson = ParametersJson(context.Parameters);
        var parametersFile = Path.Combine(trialDirectory, ParametersFile);
        File.WriteAllText(parametersFile, parametersJson);
        var arguments = settings.Arguments.Select(a => CommandPlaceholders.Fill(a, name => Placeholder(name, context, trialDirectory))).ToArray();
        var tail = new LogTail(TailLines);
        ProcessGroup group;
        try
        {
            group = ProcessGroup.Start(arguments, start => Configure(start, context, trialDirectory, parametersJson, parametersFile));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TrialConfigurationException($"trainer.command: cannot start {arguments[0]}: {e.Message}");
        }

        using (group)
        {
            var output = ChildOutput.Start(group.Process, tail, "command");
            var reports = new TrialReports(context, reporter, tail);
            var end = Follow(group, output, reports, context, reporter);
            WriteLog(trialDirectory, tail);
            return Finish(end, group, reports, tail, trialDirectory);
        }
    }

    private CommandEnd Follow(ProcessGroup group, ChildOutput output, TrialReports reports, TrialContext context, IEpochReporter reporter)
    {
        var sinceReport = Stopwatch.StartNew();
        while (true)
        {
            string? line;
            try
            {
                if (!output.TryTake(out line, PollMilliseconds, context.Cancellation))
                {
                    if (group.Process.HasExited)
                    {
                        // The leader is gone; its last lines may still be on their way (a long line
                        // ahead of them), and a child it left may hold the pipe open.
                        group.Kill();
                        Drain(output, reports, forward: true);
                        return CommandEnd.Exited;
                    }

                    if (reporter.StopRequested)
                    {
                        // Cancelled or out of time between reports: no need to wait for the next epoch.
                        // What it reports while it stops (a final epoch on SIGTERM) still counts.
                        group.Stop(settings.Grace);
                        Drain(output, reports, forward: true);
                        return CommandEnd.Stopped;
                    }

                    if (sinceReport.Elapsed > settings.ReportTimeout)
                    {
                        group.Kill();
                        return CommandEnd.Silent;
                    }

                    continue;
                }
            }
            catch (OperationCanceledException)
            {
                // The silo is going away: the attempt runs again elsewhere, from the last checkpoint reported.
                group.Stop(settings.Grace);
                Drain(output, reports, forward: true);
                return CommandEnd.Stopped;
            }

            if (line is null)
            {
                group.Kill(); // reaps the leader, and whatever it left in its group
                return CommandEnd.Exited;
            }

            if (!ReportLine.TryParse(line, out var epoch))
            {
                reports.Log(line);
                continue;
            }

            sinceReport.Restart();
            if (reports.Accept(epoch) == TrialDirective.Stop)
            {
                // Pruned or diverged at this epoch: later reports would describe epochs the sweep declined.
                group.Stop(settings.Grace);
                Drain(output, reports, forward: false);
                return CommandEnd.Stopped;
            }
        }
    }

    /// <summary>Reads what the process wrote before it ended; its reports count when <paramref name="forward"/>.</summary>
    private void Drain(ChildOutput output, TrialReports reports, bool forward)
    {
        foreach (var line in output.Rest(settings.Grace))
        {
            if (forward && ReportLine.TryParse(line, out var epoch))
            {
                reports.Accept(epoch);
            }
            else
            {
                reports.Log(line);
            }
        }
    }

    private TrialResult Finish(CommandEnd end, ProcessGroup group, TrialReports reports, LogTail tail, string trialDirectory)
    {
        var tailText = string.Join(" | ", tail.Last(MessageLines).Where(l => l.Length > 0));
        switch (end)
        {
            case CommandEnd.Silent:
                throw new CommandFailedException(
                    $"no report for {Format(settings.ReportTimeout)} (trainer.report_timeout): killed after epoch {reports.Epochs}{Suffix(tailText)}");
            case CommandEnd.Stopped:
                return new TrialResult(TrialEnd.Stopped, reports.Epochs, $"stopped after epoch {reports.Epochs}") { CheckpointDirectory = EnsembleDirectory(trialDirectory) };
            case CommandEnd.Exited when group.Process.ExitCode != 0:
                throw new CommandFailedException($"exit code {group.Process.ExitCode} after epoch {reports.Epochs}{Suffix(tailText)}");
            default:
                if (reports.Unranked("print lines such as 'epoch=1 val_accuracy=0.9'") is { } reason)
                {
                    throw new CommandFailedException($"{reason}{Suffix(tailText)}");
                }

                return new TrialResult(TrialEnd.Completed, reports.Epochs) { CheckpointDirectory = EnsembleDirectory(trialDirectory) };
        }
    }

    /// <summary>The trial directory when the script saved every ensemble file (short names renamed to the <see cref="EnsembleFiles"/> names), else null.</summary>
    internal static string? EnsembleDirectory(string directory)
    {
        (string Short, string Full)[] files =
        [
            ("val_probs.npy", EnsembleFiles.ValidationProbabilities),
            ("test_probs.npy", EnsembleFiles.TestProbabilities),
            ("val_labels.npy", EnsembleFiles.ValidationLabels),
            ("test_labels.npy", EnsembleFiles.TestLabels),
        ];
        foreach (var (shortName, fullName) in files)
        {
            var from = Path.Combine(directory, shortName);
            if (shortName != fullName && File.Exists(from))
            {
                File.Move(from, Path.Combine(directory, fullName), overwrite: true);
            }
        }

        return files.All(f => File.Exists(Path.Combine(directory, f.Full))) ? directory : null;
    }

    private void Configure(ProcessStartInfo start, TrialContext context, string trialDirectory, string parametersJson, string parametersFile)
    {
        start.WorkingDirectory = settings.WorkingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        ParametersVariable.Set(start, parametersJson, parametersFile);
        start.Environment["HYPERSEARCH_TRIAL_DIR"] = trialDirectory;
        start.Environment["HYPERSEARCH_MAX_EPOCHS"] = context.MaxEpochs.ToString(CultureInfo.InvariantCulture);
        start.Environment["HYPERSEARCH_SEED"] = context.Seed.ToString(CultureInfo.InvariantCulture);
        if (context.Checkpoints is { } checkpoints)
        {
            // The command saves its state for epoch N into {dir}/epoch-N, then prints epoch N's line.
            start.Environment["HYPERSEARCH_CHECKPOINT_DIR"] = checkpoints.Directory;
            start.Environment["HYPERSEARCH_CHECKPOINT_EVERY"] = checkpoints.EveryEpochs.ToString(CultureInfo.InvariantCulture);
        }

        if (context.ResumeFrom is { } resume)
        {
            // Load this and continue with epoch N + 1; checked whole before the command starts.
            start.Environment["HYPERSEARCH_RESUME_FROM"] = resume.Directory;
            start.Environment["HYPERSEARCH_RESUME_EPOCH"] = resume.Epoch.ToString(CultureInfo.InvariantCulture);
        }

        start.Environment["PYTHONUNBUFFERED"] = "1"; // reports must arrive as printed, not when a buffer fills
        if (context.Device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            start.Environment["CUDA_VISIBLE_DEVICES"] = context.Device["cuda:".Length..];
        }
    }

    /// <summary>A fresh directory per attempt: the artifact store's when there is one, else a temporary one.</summary>
    internal static string TrialDirectory(TrialContext context)
    {
        var directory = context.CheckpointDirectory
            ?? Path.Combine(Path.GetTempPath(), "hypersearch-trials", string.Concat(context.TrialId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_')));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true); // a rerun of the same attempt starts clean
        }

        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string Placeholder(string name, TrialContext context, string trialDirectory) => name switch
    {
        "max_epochs" => context.MaxEpochs.ToString(CultureInfo.InvariantCulture),
        "seed" => context.Seed.ToString(CultureInfo.InvariantCulture),
        "trial_dir" => trialDirectory,
        // A conditional parameter that is inactive in this trial: an empty argument.
        _ => context.Parameters.Values.TryGetValue(name, out var value) ? Text(value) : string.Empty,
    };

    /// <summary>A value as a command line argument: numbers round-trip, lists as JSON.</summary>
    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    internal static string ParametersJson(TrialParameters parameters) => JsonSerializer.Serialize(parameters.Values);

    internal static void WriteLog(string directory, LogTail tail)
    {
        try
        {
            File.WriteAllLines(Path.Combine(directory, LogFile), tail.Last(TailLines));
        }
        catch (IOException)
        {
            // The log is a convenience; the trial's figures stand without it.
        }
    }

    internal static string Suffix(string tail) => tail.Length == 0 ? string.Empty : $"; last output: {tail}";

    internal static string Format(TimeSpan value) => value.TotalSeconds < 120
        ? $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s"
        : $"{value.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)}m";

    private enum CommandEnd
    {
        Exited,
        Stopped,
        Silent,
    }
}
