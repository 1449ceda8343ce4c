using System.Diagnostics;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>Trains one trial to the end, to a stop, or to divergence.</summary>
public static class TrialTrainer
{
    // Model weights come from torch's process-wide generator; holding this while seeding and
    // building keeps concurrent jobs from drawing from each other's sequence.
    private static readonly Lock SeedGate = new();

    /// <summary>
    /// Runs <paramref name="job"/> synchronously on the calling thread (TorchSharp's dispose scopes
    /// and grad mode are per thread), reporting each epoch to <paramref name="observer"/>.
    /// </summary>
    /// <exception cref="InvalidTrainingConfigException">A parameter is unknown, mistyped or out of range.</exception>
    /// <exception cref="DataSetException">The data is missing, corrupt or cannot be split as asked.</exception>
    /// <exception cref="TorchRuntimeException">TorchSharp could not be loaded.</exception>
    public static TrainingResult Run(TrainingJob job, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observer);
        var config = TrainingConfig.Parse(job.Parameters);
        if (job.MaxEpochs < 1)
        {
            throw new InvalidTrainingConfigException($"max_epochs must be at least 1 (got {job.MaxEpochs})");
        }

        TorchRuntime.EnsureInitializedOnThisThread();
        var data = DataSets.Prepare(job.Data);
        using var model = CreateModel(config, data, job.Seed);
        using var optimizer = OptimizerFactory.Create(config, model.parameters());
        using var shuffle = new Generator((ulong)job.Seed);
        var run = new TrialRun(job, config, data, model, optimizer, shuffle, observer, cancellationToken);
        return run.Execute();
    }

    private static nn.Module<Tensor, Tensor> CreateModel(TrainingConfig config, PreparedDataSet data, int seed)
    {
        lock (SeedGate)
        {
            random.manual_seed(seed);
            return ModelFactory.Create(config, data.FeatureCount, data.Classes);
        }
    }

    /// <summary>The state of one run, so the epoch loop reads as the steps it takes.</summary>
    private sealed class TrialRun(
        TrainingJob job,
        TrainingConfig config,
        PreparedDataSet data,
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Generator shuffle,
        ITrainingObserver observer,
        CancellationToken cancellationToken)
    {
        private readonly DivergenceGuard _guard = new(config.BatchSize);
        private EpochReport? _last;
        private int _epochs;

        public TrainingResult Execute()
        {
            for (var epoch = 1; epoch <= job.MaxEpochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                var (trainLoss, divergence, cancelled) = TrainEpoch(epoch);
                if (divergence is not null)
                {
                    return Finish(TrainingOutcome.Diverged, divergence, evaluateTest: false);
                }

                if (cancelled)
                {
                    return Finish(TrainingOutcome.Stopped, "cancelled", evaluateTest: _epochs > 0);
                }

                var trainSeconds = clock.Elapsed.TotalSeconds;
                var validation = ModelEvaluator.Evaluate(model, data.Validation);
                _epochs = epoch;
                _last = new EpochReport(
                    epoch, trainLoss, validation.Loss, validation.Accuracy, data.Train.Count / trainSeconds, clock.Elapsed.TotalSeconds);
                if (observer.OnEpoch(_last) == EpochDirective.Stop)
                {
                    return Finish(TrainingOutcome.Stopped, $"stopped after epoch {epoch}", evaluateTest: true);
                }
            }

            return Finish(TrainingOutcome.Completed, message: null, evaluateTest: true);
        }

        /// <returns>Mean minibatch loss weighted by batch size, or why training must end now.</returns>
        private (double Loss, string? Divergence, bool Cancelled) TrainEpoch(int epoch)
        {
            model.train();
            var train = data.Train;
            var batchSize = config.BatchSize;
            using var order = randperm(train.Count, generator: shuffle);
            double lossSum = 0;
            for (var start = 0; start < train.Count; start += batchSize)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return (double.NaN, null, true);
                }

                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, train.Count - start);
                var rows = order.narrow(0, start, count);
                var features = train.Features.index_select(0, rows);
                var labels = train.Labels.index_select(0, rows);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.forward(features), labels);
                var value = (double)loss.item<float>();
                var divergence = _guard.Check(value, count, epoch);
                if (divergence is not null)
                {
                    return (value, divergence, false);
                }

                loss.backward();
                optimizer.step();
                lossSum += value * count;
            }

            return (lossSum / train.Count, null, false);
        }

        private TrainingResult Finish(TrainingOutcome outcome, string? message, bool evaluateTest)
        {
            var test = evaluateTest ? ModelEvaluator.Evaluate(model, data.Test) : null;
            return new TrainingResult(outcome, _epochs, _guard.InitialLoss, _last, test?.Accuracy, test?.Loss, message);
        }
    }
}
