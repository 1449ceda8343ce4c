using System.Diagnostics;
using System.Globalization;
using static TorchSharp.torch;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>
/// The epoch loop of a <see cref="StepTrainer"/> for one trial attempt: resume, train, evaluate,
/// keep the best epoch, checkpoint, report.
/// </summary>
internal sealed class StepRun(TorchTrial trial, TrialSteps steps, IEpochReporter reporter, MetricGoal goal)
{
    private static readonly string[] EnsembleNames =
        [EnsembleFiles.ValidationProbabilities, EnsembleFiles.ValidationLabels, EnsembleFiles.TestProbabilities, EnsembleFiles.TestLabels];

    private readonly TrialContext _context = trial.Context;
    private readonly List<TrialEvent> _events = [];
    private int _epochs;
    private int? _bestEpoch;
    private double _bestScore = double.NaN;
    private Dictionary<string, double> _testMetrics = [];
    private string? _ensembleDirectory;

    public TrialResult Execute()
    {
        for (var epoch = Restore() + 1; epoch <= _context.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyDictionary<string, double> train;
            try
            {
                train = steps.TrainEpoch(epoch);
            }
            catch (OperationCanceledException) when (_context.Cancellation.IsCancellationRequested)
            {
                // The silo is shutting down and the attempt runs again elsewhere, from its last checkpoint.
                return Finish(TrialEnd.Stopped, "cancelled");
            }

            if (train.FirstOrDefault(pair => !double.IsFinite(pair.Value)) is { Key: not null } bad)
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"{bad.Key} became {bad.Value} at epoch {epoch}");
                _events.Add(new TrialEvent(TrialEventKind.Diverged, epoch, message));
                return Finish(TrialEnd.Diverged, message);
            }

            var trainSeconds = clock.Elapsed.TotalSeconds;
            var metrics = new Dictionary<string, double>(train);
            foreach (var (name, value) in steps.Evaluate(epoch))
            {
                metrics[name] = value;
            }

            _epochs = epoch;
            KeepIfBest(epoch, metrics);
            var report = new EpochResult(epoch, metrics)
            {
                SamplesPerSecond = trial.HasData && trainSeconds > 0 ? trial.Data.Train.Count / trainSeconds : 0,
                Seconds = clock.Elapsed.TotalSeconds,
                ResumeCheckpoint = SaveResumable(epoch),
            };
            if (reporter.Report(report) == TrialDirective.Stop)
            {
                return Finish(TrialEnd.Stopped, $"stopped after epoch {epoch}");
            }
        }

        return Finish(TrialEnd.Completed, message: null);
    }

    /// <summary>Continues from the context's checkpoint, if it has one; returns its epoch (0: a fresh start).</summary>
    private int Restore()
    {
        if (_context.ResumeFrom is not { } checkpoint)
        {
            return 0;
        }

        var progress = StepProgress.Read(checkpoint.Directory);
        steps.Load(checkpoint.Directory);
        using (var state = tensor(File.ReadAllBytes(Path.Combine(checkpoint.Directory, StepProgress.Shuffle)), ScalarType.Byte))
        {
            trial.Shuffle.set_state(state);
        }

        _epochs = progress.Epoch;
        _bestEpoch = progress.BestEpoch;
        _bestScore = progress.BestScore;
        _testMetrics = progress.TestMetrics;
        if (_context.CheckpointDirectory is { } directory && EnsembleNames.All(name => File.Exists(Path.Combine(checkpoint.Directory, StepProgress.EnsemblePrefix + name))))
        {
            // The best epoch may lie before the checkpoint: its ensemble files travel with it.
            Directory.CreateDirectory(directory);
            foreach (var name in EnsembleNames)
            {
                File.Copy(Path.Combine(checkpoint.Directory, StepProgress.EnsemblePrefix + name), Path.Combine(directory, name), overwrite: true);
            }

            _ensembleDirectory = Path.GetFullPath(directory);
        }

        return progress.Epoch;
    }

    private void KeepIfBest(int epoch, Dictionary<string, double> metrics)
    {
        if (!metrics.TryGetValue(_context.ObjectiveMetric, out var score) || !double.IsFinite(score))
        {
            return;
        }

        var better = _bestEpoch is null || (goal == MetricGoal.Maximize ? score > _bestScore : score < _bestScore);
        if (!better)
        {
            return;
        }

        _bestEpoch = epoch;
        _bestScore = score;
        if (steps.Predict() is not { } outputs)
        {
            return;
        }

        _testMetrics = new Dictionary<string, double>(outputs.TestMetrics);
        if (_context.CheckpointDirectory is not { } directory)
        {
            return;
        }

        try
        {
            _ensembleDirectory = EnsembleOutputs.Save(directory, trial.Data, outputs.Validation, outputs.Test);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The trial's figures stand; only the ensemble loses this member.
            _events.Add(new TrialEvent(TrialEventKind.Checkpoint, epoch, $"could not save the ensemble files: {e.Message}"));
        }
    }

    /// <summary>Saves an epoch checkpoint when one is due; returns its directory, or null.</summary>
    private string? SaveResumable(int epoch)
    {
        if (_context.Checkpoints is not { } checkpoints || !checkpoints.IsDue(epoch, _context.MaxEpochs))
        {
            return null;
        }

        try
        {
            return checkpoints.Save(epoch, directory =>
            {
                steps.Save(directory);
                using (var state = trial.Shuffle.get_state())
                {
                    File.WriteAllBytes(Path.Combine(directory, StepProgress.Shuffle), state.data<byte>().ToArray());
                }

                new StepProgress(epoch, _bestEpoch, _bestScore, InitialLoss: null, _testMetrics).Write(directory);
                if (_ensembleDirectory is not null)
                {
                    foreach (var name in EnsembleNames)
                    {
                        File.Copy(Path.Combine(_ensembleDirectory, name), Path.Combine(directory, StepProgress.EnsemblePrefix + name));
                    }
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Training goes on; a lost attempt resumes from the checkpoint before (or starts over).
            _events.Add(new TrialEvent(TrialEventKind.Checkpoint, epoch, $"could not save an epoch checkpoint to {checkpoints.Directory}: {e.Message}"));
            return null;
        }
    }

    private TrialResult Finish(TrialEnd end, string? message) => new(end, _epochs, message)
    {
        TestMetrics = _testMetrics,
        Events = _events.ToArray(),
        CheckpointDirectory = _ensembleDirectory,
    };
}
