using System.Collections.Concurrent;
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
    private const int TailLines = 200;
    private const int MessageLines = 5;

    /// <summary>How often a quiet process is checked for having exited or gone silent too long.</summary>
    private const int PollMilliseconds = 200;

    /// <summary>The trial's log output, in its trial directory.</summary>
    public const string LogFile = "output.log";

    /// <summary>The trial's parameters as JSON, in its trial directory.</summary>
    public const string ParametersFile = "params.json";

    public TrainerSchema Schema => settings.Schema;

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        var trialDirectory = TrialDirectory(context);
        var parametersJson = ParametersJson(context.Parameters);
        File.WriteAllText(Path.Combine(trialDirectory, ParametersFile), parametersJson);
        var arguments = settings.Arguments.Select(a => CommandPlaceholders.Fill(a, name => Placeholder(name, context, trialDirectory))).ToArray();
        var tail = new LogTail(TailLines);
        var lines = new BlockingCollection<string?>();
        ProcessGroup group;
        try
        {
            group = ProcessGroup.Start(arguments, start => Configure(start, context, trialDirectory, parametersJson));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TrialConfigurationException($"trainer.command: cannot start {arguments[0]}: {e.Message}");
        }

        using (group)
        {
            group.Process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    tail.Add(line);
                }
            };
            group.Process.BeginErrorReadLine();
            var reader = Task.Run(() => ReadLines(group.Process.StandardOutput, lines));
            var run = Follow(group, lines, tail, context, reporter);
            reader.Wait(settings.Grace);
            WriteLog(trialDirectory, tail);
            return Finish(run, group, tail, trialDirectory);
        }
    }

    private CommandRun Follow(ProcessGroup group, BlockingCollection<string?> lines, LogTail tail, TrialContext context, IEpochReporter reporter)
    {
        var reported = 0;
        var sinceReport = Stopwatch.StartNew();
        while (true)
        {
            string? line;
            try
            {
                if (!lines.TryTake(out line, PollMilliseconds, context.Cancellation))
                {
                    if (group.Process.HasExited)
                    {
                        // The leader is gone and its output quiet; a child it left may hold the pipe open.
                        group.Kill();
                        return new CommandRun(CommandEnd.Exited, reported);
                    }

                    if (reporter.StopRequested)
                    {
                        // Cancelled or out of time between reports: no need to wait for the next epoch.
                        group.Stop(settings.Grace);
                        return new CommandRun(CommandEnd.Stopped, reported);
                    }

                    if (sinceReport.Elapsed > settings.ReportTimeout)
                    {
                        group.Kill();
                        return new CommandRun(CommandEnd.Silent, reported);
                    }

                    continue;
                }
            }
            catch (OperationCanceledException)
            {
                // The silo is going away: the attempt runs again elsewhere.
                group.Stop(settings.Grace);
                return new CommandRun(CommandEnd.Stopped, reported);
            }

            if (line is null)
            {
                group.Kill(); // reaps the leader, and whatever it left in its group
                return new CommandRun(CommandEnd.Exited, reported);
            }

            if (!ReportLine.TryParse(line, out var epoch))
            {
                tail.Add(line);
                continue;
            }

            reported = epoch.Epoch;
            sinceReport.Restart();
            if (context.Checkpoints is { } checkpoints)
            {
                epoch = epoch with { ResumeCheckpoint = SealCheckpoint(checkpoints, epoch.Epoch, tail) };
            }

            if (reporter.Report(epoch) == TrialDirective.Stop)
            {
                group.Stop(settings.Grace);
                return new CommandRun(CommandEnd.Stopped, reported);
            }
        }
    }

    private TrialResult Finish(CommandRun run, ProcessGroup group, LogTail tail, string trialDirectory)
    {
        var tailText = string.Join(" | ", tail.Last(MessageLines).Where(l => l.Length > 0));
        switch (run.End)
        {
            case CommandEnd.Silent:
                throw new CommandFailedException(
                    $"no report for {Format(settings.ReportTimeout)} (trainer.report_timeout): killed after epoch {run.Epochs}{Suffix(tailText)}");
            case CommandEnd.Stopped:
                return new TrialResult(TrialEnd.Stopped, run.Epochs, $"stopped after epoch {run.Epochs}") { CheckpointDirectory = EnsembleDirectory(trialDirectory) };
            case CommandEnd.Exited when group.Process.ExitCode != 0:
                throw new CommandFailedException($"exit code {group.Process.ExitCode} after epoch {run.Epochs}{Suffix(tailText)}");
            case CommandEnd.Exited when run.Epochs == 0:
                throw new CommandFailedException($"exited without a report (print lines such as 'epoch=1 val_accuracy=0.9'){Suffix(tailText)}");
            default:
                return new TrialResult(TrialEnd.Completed, run.Epochs) { CheckpointDirectory = EnsembleDirectory(trialDirectory) };
        }
    }

    /// <summary>The trial directory when the script saved every ensemble file (short names renamed to the <see cref="EnsembleFiles"/> names), else null.</summary>
    private static string? EnsembleDirectory(string directory)
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

    private void Configure(ProcessStartInfo start, TrialContext context, string trialDirectory, string parametersJson)
    {
        start.WorkingDirectory = settings.WorkingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["HYPERSEARCH_PARAMS"] = parametersJson;
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

    /// <summary>
    /// Seals what the command saved for <paramref name="epoch"/> (it wrote the files, then reported),
    /// so a resumed attempt can tell it is whole; null when it saved nothing for that epoch.
    /// </summary>
    private static string? SealCheckpoint(EpochCheckpoints checkpoints, int epoch, LogTail tail)
    {
        try
        {
            return checkpoints.SealWritten(epoch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            tail.Add($"hypersearch: could not seal the checkpoint of epoch {epoch}: {e.Message}");
            return null;
        }
    }

    private static void ReadLines(StreamReader output, BlockingCollection<string?> lines)
    {
        while (output.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        lines.Add(null);
    }

    /// <summary>A fresh directory per attempt: the artifact store's when there is one, else a temporary one.</summary>
    private static string TrialDirectory(TrialContext context)
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

    private static string ParametersJson(TrialParameters parameters) => JsonSerializer.Serialize(parameters.Values);

    private static void WriteLog(string directory, LogTail tail)
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

    private static string Suffix(string tail) => tail.Length == 0 ? string.Empty : $"; last output: {tail}";

    private static string Format(TimeSpan value) => value.TotalSeconds < 120
        ? $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s"
        : $"{value.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)}m";

    private enum CommandEnd
    {
        Exited,
        Stopped,
        Silent,
    }

    private sealed record class CommandRun(CommandEnd End, int Epochs);
}
