using System.Diagnostics;
using System.Globalization;
using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Training;

/// <summary>The state of one run, so the epoch loop reads as the steps it takes.</summary>
internal sealed class TrialRun : IDisposable
{
    private readonly TrainingJob _job;
    private readonly TrainingConfig _config;
    private readonly PreparedDataSet _data;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Generator _shuffle;
    private readonly Device _device;
    private readonly ITrainingObserver _observer;
    private readonly CancellationToken _cancellationToken;
    private readonly DivergenceGuard _guard;
    private readonly LearningRateSchedule _schedule;
    private readonly IReadOnlySet<int> _snapshotEpochs;
    private WeightAverage? _average;
    private readonly Augmentation? _augmentation;
    private readonly WeightLayers _layers;
    private readonly UpdateRatioMonitor _ratios;
    private readonly List<TrialEvent> _events = [];
    private readonly List<TrialEvent> _epochEvents = [];
    private Dictionary<string, double> _diagnostics = [];
    private Dictionary<string, Tensor>? _best;
    private (int Epoch, Evaluation Validation)? _bestEpoch;
    private EpochReport? _last;
    private double _initialLoss = double.NaN;
    private double _rate = double.NaN;
    private long _step;
    private int _epochs;

    public TrialRun(
        TrainingJob job,
        TrainingConfig config,
        PreparedDataSet data,
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Device device,
        ITrainingObserver observer,
        CancellationToken cancellationToken)
    {
        _job = job;
        _config = config;
        _data = data;
        _model = model;
        _optimizer = optimizer;
        _device = device;
        _observer = observer;
        _cancellationToken = cancellationToken;
        _guard = new DivergenceGuard(config.BatchSize);
        _shuffle = new Generator((ulong)job.Seed);
        var stepsPerEpoch = (data.Train.Count + config.BatchSize - 1) / config.BatchSize;
        _schedule = LearningRateSchedule.For(config, job.MaxEpochs, stepsPerEpoch);
        // Retraining keeps one model, the last epoch's: no snapshots.
        _snapshotEpochs = job.Retrain ? new HashSet<int>() : SnapshotEpochs.Of(_schedule, job.Snapshots);
        // Its own stream, so switching augmentation on leaves the shuffling order alone.
        _augmentation = Augmentation.Create(config.Augment, data.Shape, job.Seed + 1L);
        _layers = new WeightLayers(model);
        _ratios = new UpdateRatioMonitor(_layers);
    }

    private bool OnCpu => _device.type == DeviceType.CPU;

    public TrainingResult Execute()
    {
        var first = Restore() + 1;
        // From the weights training starts from (a resumed attempt's average starts afresh: resumable checkpoints do not hold it).
        _average = _config.Ema is { } decay && !_job.Retrain ? new WeightAverage(_model, decay) : null;
        for (var epoch = first; epoch <= _job.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            _epochEvents.Clear();
            var (trainLoss, divergence, cancelled) = TrainEpoch(epoch);
            if (divergence is not null)
            {
                Raise(new TrialEvent(TrialEventKind.Diverged, epoch, divergence));
                return Finish(TrainingOutcome.Diverged, divergence, evaluateTest: false, checkpoint: false);
            }

            if (cancelled)
            {
                return Finish(TrainingOutcome.Stopped, "cancelled", evaluateTest: _epochs > 0, checkpoint: false);
            }

            var trainSeconds = clock.Elapsed.TotalSeconds;
            // Retraining trains on the validation images: scoring them would cost an evaluation pass for a figure nobody reports.
            var validation = _job.Retrain ? new Evaluation(double.NaN, double.NaN, 0) : ModelEvaluator.Evaluate(_model, _data.Validation, _device);
            _epochs = epoch;
            KeepIfBest(epoch, validation);
            EvaluateAverage(epoch);
            SaveSnapshot(epoch);
            var resumable = SaveResumable(epoch);
            _last = new EpochReport(
                epoch, trainLoss, validation.Loss, validation.Accuracy, _data.Train.Count / trainSeconds, clock.Elapsed.TotalSeconds)
            {
                Diagnostics = _diagnostics,
                Events = _epochEvents.ToArray(),
                ResumeCheckpoint = resumable,
            };
            if (_observer.OnEpoch(_last) == EpochDirective.Stop)
            {
                return Finish(TrainingOutcome.Stopped, $"stopped after epoch {epoch}", evaluateTest: true, checkpoint: true);
            }
        }

        return Finish(TrainingOutcome.Completed, message: null, evaluateTest: true, checkpoint: true);
    }

    public void Dispose()
    {
        DisposeBest();
        _average?.Dispose();
        _ratios.Dispose();
        _augmentation?.Dispose();
        _shuffle.Dispose();
    }

    /// <returns>Mean minibatch loss weighted by batch size, or why training must end now.</returns>
    private (double Loss, string? Divergence, bool Cancelled) TrainEpoch(int epoch)
    {
        _model.train();
        var train = _data.Train;
        var batchSize = _config.BatchSize;
        using var order = randperm(train.Count, generator: _shuffle);
        double lossSum = 0;
        for (var start = 0; start < train.Count; start += batchSize)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                return (double.NaN, null, true);
            }

            using var scope = NewDisposeScope();
            SetLearningRate(_schedule.At(_step));
            var count = Math.Min(batchSize, train.Count - start);
            var rows = order.narrow(0, start, count);
            var features = train.Features.index_select(0, rows);
            var labels = train.Labels.index_select(0, rows);
            if (_augmentation is not null)
            {
                features = _augmentation.Apply(features);
            }

            if (!OnCpu)
            {
                features = features.to(_device);
                labels = labels.to(_device);
            }

            _optimizer.zero_grad();
            var dataLoss = nn.functional.cross_entropy(_model.forward(features), labels);
            var loss = _config.L1 > 0 ? dataLoss + (_config.L1 * _layers.L1Norm()) : dataLoss;
            var value = (double)loss.item<float>();
            if (_step == 0)
            {
                CheckInitialLoss(_config.L1 > 0 ? dataLoss.item<float>() : value);
            }

            var divergence = _guard.Check(value, count, epoch);
            if (divergence is not null)
            {
                return (value, divergence, false);
            }

            loss.backward();
            var lastBatch = start + batchSize >= train.Count;
            if (lastBatch)
            {
                _ratios.BeforeStep();
            }

            _optimizer.step();
            _average?.Update();
            if (lastBatch)
            {
                MeasureEpoch(epoch);
            }

            _step++;
            lossSum += value * count;
        }

        return (lossSum / train.Count, null, false);
    }

    private void SetLearningRate(double rate)
    {
        if (rate != _rate)
        {
            OptimizerFactory.SetLearningRate(_optimizer, rate);
            _rate = rate;
        }
    }

    private void CheckInitialLoss(double dataLoss)
    {
        _initialLoss = dataLoss;
        if (InitialLossCheck.Check(dataLoss, _data.Classes) is { } warning)
        {
            Raise(warning);
        }
    }

    private void MeasureEpoch(int epoch)
    {
        var ratios = _ratios.AfterStep();
        // Under 1% of the base rate the schedule has annealed it (cosine ends at 0): low ratios are its intent.
        if (_ratios.Judge(ratios, epoch, annealed: _rate < 0.01 * _schedule.BaseRate) is { } warning)
        {
            Raise(warning);
        }

        ratios["lr"] = _rate;
        _diagnostics = ratios;
    }

    private void Raise(TrialEvent trainingEvent)
    {
        _events.Add(trainingEvent);
        _epochEvents.Add(trainingEvent);
    }

    /// <summary>
    /// Continues from the job's resumable checkpoint, if it has one: weights, optimizer state,
    /// generators, step count and best epoch as they were after its epoch. Returns that epoch (0: a fresh start).
    /// </summary>
    private int Restore()
    {
        if (_job.ResumeFrom is not { } checkpoint)
        {
            return 0;
        }

        var (progress, best) = ResumeFiles.Read(checkpoint.Directory, _model, _optimizer, _shuffle, _augmentation?.Random);
        _epochs = progress.Epoch;
        _step = progress.Step;
        _initialLoss = progress.InitialLoss;
        _guard.Restore(progress.GuardInitialLoss);
        if (best is not null && progress.BestEpoch is { } bestEpoch)
        {
            _best = best;
            _bestEpoch = (bestEpoch, new Evaluation(progress.BestValidationLoss, progress.BestValidationAccuracy, _data.Validation.Count));
        }

        return progress.Epoch;
    }

    /// <summary>Saves a resumable checkpoint after <paramref name="epoch"/> when one is due; returns its directory, or null.</summary>
    private string? SaveResumable(int epoch)
    {
        if (_job.Checkpoints is not { } checkpoints || !checkpoints.IsDue(epoch, _job.MaxEpochs))
        {
            return null;
        }

        var progress = new ResumeProgress(
            epoch, _step, _initialLoss, _guard.InitialLoss, _bestEpoch?.Epoch, _bestEpoch?.Validation.Loss ?? double.NaN, _bestEpoch?.Validation.Accuracy ?? double.NaN);
        try
        {
            return checkpoints.Save(epoch, directory => ResumeFiles.Write(directory, progress, _model, _optimizer, _shuffle, _augmentation?.Random, _best));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Training goes on; a lost attempt resumes from the checkpoint before (or starts over).
            Raise(new TrialEvent(TrialEventKind.Checkpoint, epoch, string.Create(
                CultureInfo.InvariantCulture, $"could not save a resumable checkpoint to {checkpoints.Directory}: {e.Message}")));
            return null;
        }
    }

    /// <summary>
    /// <c>ema</c>: the averaged weights' validation figures beside the raw ones (<c>ema_val_accuracy</c>,
    /// <c>ema_val_loss</c> among the epoch's diagnostics); the checkpoint keeps them when they are the better.
    /// </summary>
    private void EvaluateAverage(int epoch)
    {
        if (_average is null)
        {
            return;
        }

        var (validation, state) = _average.Evaluate(_data.Train, _data.Validation, _config.BatchSize, _device);
        _diagnostics = new Dictionary<string, double>(_diagnostics) { ["ema_val_accuracy"] = validation.Accuracy, ["ema_val_loss"] = validation.Loss };
        KeepIfBest(epoch, validation, state);
    }

    /// <param name="state">Weights to keep instead of the model's own (the averaged ones); disposed here when not kept.</param>
    private void KeepIfBest(int epoch, Evaluation validation, Dictionary<string, Tensor>? state = null)
    {
        if (_job.CheckpointDirectory is null)
        {
            Dispose(state);
            return;
        }

        // Retraining validates on images it trains on: the checkpoint keeps the last epoch.
        var better = _job.Retrain
            || _bestEpoch is not { } best
            || (_job.CheckpointMetric == "val_loss"
                ? validation.Loss < best.Validation.Loss
                : validation.Accuracy > best.Validation.Accuracy);
        if (!better)
        {
            Dispose(state);
            return;
        }

        DisposeBest();
        using var noGrad = no_grad();
        _best = state ?? _model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone());
        _bestEpoch = (epoch, validation);
    }

    private static void Dispose(Dictionary<string, Tensor>? state)
    {
        if (state is null)
        {
            return;
        }

        foreach (var tensor in state.Values)
        {
            tensor.Dispose();
        }
    }

    /// <remarks>
    /// The test figures are those of the model the trial keeps: its checkpoint's (the best validation
    /// epoch's, which ensembles and <c>evaluate</c> reload) when it writes one, else the last epoch's.
    /// One test pass either way.
    /// </remarks>
    private TrainingResult Finish(TrainingOutcome outcome, string? message, bool evaluateTest, bool checkpoint)
    {
        var summary = checkpoint ? WriteCheckpoint() : null;
        var test = summary is not null
            ? new Evaluation(summary.TestLoss, summary.TestAccuracy, _data.Test.Count)
            : evaluateTest ? ModelEvaluator.Evaluate(_model, _data.Test, _device) : null;
        return new TrainingResult(outcome, _epochs, _initialLoss, _last, test?.Accuracy, test?.Loss, message)
        {
            Events = _events.ToArray(),
            Checkpoint = summary,
        };
    }

    private CheckpointSummary? WriteCheckpoint()
    {
        if (_job.CheckpointDirectory is not { } directory || _best is null || _bestEpoch is not { } best)
        {
            return null;
        }

        _model.load_state_dict(_best);
        return WriteModel(directory, best.Epoch);
    }

    /// <summary>At the end of a cycle that <c>ensemble.snapshots</c> keeps: the model as it is now, written like a checkpoint beside the trial's.</summary>
    private void SaveSnapshot(int epoch)
    {
        if (_job.CheckpointDirectory is { } directory && _snapshotEpochs.Contains(epoch))
        {
            WriteModel(SnapshotDirectories.For(directory, epoch), epoch);
        }
    }

    /// <summary>The model's weights now, with its validation and test predictions, as epoch <paramref name="epoch"/>'s checkpoint in <paramref name="directory"/>.</summary>
    private CheckpointSummary? WriteModel(string directory, int epoch)
    {
        var validation = ModelEvaluator.Predict(_model, _data.Validation, _data.Classes, _device);
        var test = ModelEvaluator.Predict(_model, _data.Test, _data.Classes, _device);
        var manifest = new CheckpointManifest(
            CheckpointManifest.CurrentFormat,
            _job.TrialId,
            epoch,
            _epochs,
            _job.CheckpointMetric,
            new CheckpointMetrics(validation.Evaluation.Loss, validation.Evaluation.Accuracy, test.Evaluation.Loss, test.Evaluation.Accuracy),
            CheckpointManifest.ParametersToJson(_job.Parameters),
            new CheckpointData(
                _data.Source.Name,
                _data.Source.Source,
                _job.Data.TrainSubset,
                _job.Data.Validation,
                _job.Data.SplitSeed,
                _data.Classes,
                _data.Shape,
                _data.Validation.Count,
                _data.Test.Count,
                _job.Data.ValidationInTraining),
            _data.Preprocessing,
            _job.Seed,
            _device.ToString(),
            DateTime.UtcNow);
        try
        {
            return CheckpointWriter.Write(directory, manifest, _model, _data, validation, test);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The trial's figures stand; only the ensemble loses this member. Say so.
            _events.Add(new TrialEvent(TrialEventKind.Checkpoint, _epochs, string.Create(
                CultureInfo.InvariantCulture, $"could not write the checkpoint to {directory}: {e.Message}")));
            return null;
        }
    }

    private void DisposeBest()
    {
        if (_best is null)
        {
            return;
        }

        foreach (var tensor in _best.Values)
        {
            tensor.Dispose();
        }

        _best = null;
    }
}
