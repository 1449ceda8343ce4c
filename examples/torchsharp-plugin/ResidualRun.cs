using System.Diagnostics;
using System.Globalization;
using HyperSearch.Sdk;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Plugins;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Examples.Residual;

/// <summary>One trial's training: the model, its optimizer and what the epochs found so far.</summary>
internal sealed class ResidualRun : IDisposable
{
    private readonly TrialContext _context;
    private readonly ResidualSettings _settings;
    private readonly PreparedDataSet _data;
    private readonly Device _device;
    private readonly MetricGoal _goal;
    private readonly ResidualNet _model;
    private readonly optim.Optimizer _optimizer;
    private readonly Generator _shuffle;
    private readonly List<TrialEvent> _events = [];
    private BestEpoch? _best;
    private double? _initialLoss;

    public ResidualRun(TrialContext context, ResidualSettings settings, PreparedDataSet data, Device device, MetricGoal goal)
    {
        _context = context;
        _settings = settings;
        _data = data;
        _device = device;
        _goal = goal;
        _model = SeededModels.Create(context.Seed, () => new ResidualNet(data.Shape, settings.Width, settings.Blocks, data.Classes));
        if (device.type != DeviceType.CPU)
        {
            _model.to(device);
        }

        _optimizer = optim.AdamW(_model.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
        // The shuffling order has its own generator: other slots' trials cannot disturb it.
        _shuffle = new Generator((ulong)context.Seed);
    }

    public TrialResult Execute(IEpochReporter reporter)
    {
        for (var epoch = 1; epoch <= _context.MaxEpochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (trainLoss, ended) = TrainEpoch(epoch);
            if (ended is not null)
            {
                return ended;
            }

            var trainSeconds = clock.Elapsed.TotalSeconds;
            var validation = ModelEvaluator.Predict(_model, _data.Validation, _data.Classes, _device);
            var metrics = new Dictionary<string, double>
            {
                [ResidualTrainer.ValidationTop1] = validation.Evaluation.Accuracy,
                [ResidualTrainer.ValidationNll] = validation.Evaluation.Loss,
                [ResidualTrainer.TrainLoss] = trainLoss,
            };
            KeepIfBest(epoch, validation, metrics);
            var report = new EpochResult(epoch, metrics)
            {
                SamplesPerSecond = _data.Train.Count / trainSeconds,
                Seconds = clock.Elapsed.TotalSeconds,
                Diagnostics = new Dictionary<string, double> { ["lr"] = _settings.LearningRate },
            };
            if (reporter.Report(report) == TrialDirective.Stop)
            {
                return Finish(TrialEnd.Stopped, epoch, $"stopped after epoch {epoch}", save: true);
            }
        }

        return Finish(TrialEnd.Completed, _context.MaxEpochs, message: null, save: true);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _shuffle.Dispose();
    }

    /// <returns>The mean training loss, or how the trial ended when it cannot go on.</returns>
    private (double Loss, TrialResult? Ended) TrainEpoch(int epoch)
    {
        _model.train();
        var train = _data.Train;
        var batchSize = _settings.BatchSize;
        using var order = randperm(train.Count, generator: _shuffle);
        double lossSum = 0;
        for (var start = 0; start < train.Count; start += batchSize)
        {
            if (_context.Cancellation.IsCancellationRequested)
            {
                // The silo is shutting down and the attempt runs again elsewhere: nothing to save.
                return (double.NaN, Finish(TrialEnd.Stopped, epoch - 1, "cancelled", save: false));
            }

            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, train.Count - start);
            var rows = order.narrow(0, start, count);
            var features = train.Features.index_select(0, rows);
            var labels = train.Labels.index_select(0, rows);
            if (_device.type != DeviceType.CPU)
            {
                features = features.to(_device);
                labels = labels.to(_device);
            }

            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.forward(features), labels, label_smoothing: _settings.LabelSmoothing);
            var value = (double)loss.item<float>();
            _initialLoss ??= value;
            if (!double.IsFinite(value))
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"{ResidualTrainer.TrainLoss} became {value} at epoch {epoch}");
                _events.Add(new TrialEvent(TrialEventKind.Diverged, epoch, message));
                return (value, Finish(TrialEnd.Diverged, epoch - 1, message, save: false));
            }

            loss.backward();
            _optimizer.step();
            lossSum += value * count;
        }

        return (lossSum / train.Count, null);
    }

    /// <summary>Keeps the epoch's predictions (and the test set's) when it beats the best so far on the sweep's objective.</summary>
    private void KeepIfBest(int epoch, Prediction validation, Dictionary<string, double> metrics)
    {
        var score = metrics.GetValueOrDefault(_context.ObjectiveMetric, metrics[ResidualTrainer.ValidationTop1]);
        var better = _best is null || (_goal == MetricGoal.Maximize ? score > _best.Score : score < _best.Score);
        if (better)
        {
            var test = ModelEvaluator.Predict(_model, _data.Test, _data.Classes, _device);
            _best = new BestEpoch(epoch, score, validation, test);
        }
    }

    private TrialResult Finish(TrialEnd end, int epochs, string? message, bool save)
    {
        var checkpoint = save ? SaveBest() : null;
        var testMetrics = _best is null
            ? new Dictionary<string, double>()
            : new Dictionary<string, double>
            {
                [ResidualTrainer.TestTop1] = _best.Test.Evaluation.Accuracy,
                [ResidualTrainer.TestNll] = _best.Test.Evaluation.Loss,
            };
        return new TrialResult(end, epochs, message)
        {
            InitialLoss = _initialLoss,
            TestMetrics = testMetrics,
            Events = _events.ToArray(),
            CheckpointDirectory = checkpoint,
        };
    }

    /// <returns>The directory the ensemble files went to; null when none was asked for or the write failed.</returns>
    private string? SaveBest()
    {
        if (_best is null || _context.CheckpointDirectory is not { } directory)
        {
            return null;
        }

        try
        {
            return EnsembleOutputs.Save(directory, _data, _best.Validation, _best.Test);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The trial's figures stand; only the ensemble loses this member.
            _events.Add(new TrialEvent(TrialEventKind.Checkpoint, _best.Epoch, $"could not save the ensemble files: {e.Message}"));
            return null;
        }
    }
}
