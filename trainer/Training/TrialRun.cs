using System.Diagnostics;
using HyperSearch.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>The state of one run, so the epoch loop reads as the steps it takes.</summary>
internal sealed class TrialRun(
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
