using System.Globalization;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// cs231n's preflight: with regularization off, a healthy model and data pipeline drive the training
/// loss on a handful of examples to about 0 (accuracy 1.0). If they cannot, something is broken
/// (labels misaligned with images, a dead model, a learning rate far too small) and a sweep would
/// only burn time. Trains full-batch on the first <see cref="OverfitCheckOptions.Examples"/> training
/// examples of the split, with a constant learning rate.
/// </summary>
public static class OverfitCheck
{
    /// <summary>Runs the check synchronously on the calling thread.</summary>
    /// <exception cref="InvalidTrainingConfigException">A parameter is unknown, mistyped or out of range.</exception>
    /// <exception cref="DataSetException">The data is missing or corrupt.</exception>
    /// <exception cref="DeviceUnavailableException">A GPU was asked for and is not there.</exception>
    public static OverfitCheckResult Run(
        IReadOnlyDictionary<string, object> parameters,
        DataSetOptions data,
        int seed,
        OverfitCheckOptions? options = null,
        string device = TrainingDevice.Cpu,
        CancellationToken cancellationToken = default) =>
        Run(parameters, data, seed, options ?? new OverfitCheckOptions(), device, trainingLabels: null, cancellationToken);

    /// <param name="trainingLabels">Test seam: replaces the labels each step sees (a broken pipeline).</param>
    internal static OverfitCheckResult Run(
        IReadOnlyDictionary<string, object> parameters,
        DataSetOptions data,
        int seed,
        OverfitCheckOptions options,
        string device,
        Func<Tensor, Tensor>? trainingLabels,
        CancellationToken cancellationToken)
    {
        var config = TrainingConfig.Parse(parameters).WithoutRegularization() with
        {
            Schedule = LearningRateSchedule.Constant,
            WarmupEpochs = 0,
        };
        TorchRuntime.EnsureInitializedOnThisThread();
        var target = TrainingDevice.Resolve(device);
        var prepared = DataSets.Prepare(data with { TrainSubset = options.Examples }, config.Preprocess);
        using var model = TrialTrainer.CreateModel(config, prepared.Shape, prepared.Classes, seed, target);
        using var optimizer = OptimizerFactory.Create(config, model.parameters());
        var onCpu = target.type == DeviceType.CPU;
        using var features = onCpu ? prepared.Train.Features.alias() : prepared.Train.Features.to(target);
        using var labels = onCpu ? prepared.Train.Labels.alias() : prepared.Train.Labels.to(target);

        var initialLoss = double.NaN;
        var evaluation = new Evaluation(double.NaN, 0, prepared.Train.Count);
        var steps = 0;
        while (steps < options.MaxSteps && !cancellationToken.IsCancellationRequested)
        {
            using (var scope = NewDisposeScope())
            {
                model.train();
                optimizer.zero_grad();
                var stepLabels = trainingLabels is null ? labels : trainingLabels(labels);
                var loss = nn.functional.cross_entropy(model.forward(features), stepLabels);
                var value = loss.item<float>();
                if (steps == 0)
                {
                    initialLoss = value;
                }

                if (!float.IsFinite(value))
                {
                    return Result(options, config, steps + 1, initialLoss, new Evaluation(value, 0, prepared.Train.Count), diverged: true);
                }

                loss.backward();
                optimizer.step();
            }

            steps++;
            if (steps % options.EvaluateEvery == 0 || steps == options.MaxSteps)
            {
                evaluation = ModelEvaluator.Evaluate(model, prepared.Train, target);
                if (Fits(evaluation, options))
                {
                    break;
                }
            }
        }

        return Result(options, config, steps, initialLoss, evaluation, diverged: false);
    }

    private static bool Fits(Evaluation evaluation, OverfitCheckOptions options) =>
        evaluation.Accuracy >= 1.0 && evaluation.Loss <= options.LossThreshold;

    private static OverfitCheckResult Result(
        OverfitCheckOptions options, TrainingConfig config, int steps, double initialLoss, Evaluation evaluation, bool diverged)
    {
        var passed = !diverged && Fits(evaluation, options);
        var figures = string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Examples} examples, {steps} full-batch steps at lr {config.LearningRate:G3} ({config.Optimizer}, regularization off): loss {initialLoss:0.000} -> {evaluation.Loss:0.0000}, accuracy {evaluation.Accuracy:0.00}");
        var summary = passed
            ? $"overfits {figures}"
            : diverged
                ? $"diverged overfitting {figures}: the learning rate is too high for this model"
                : $"cannot overfit {figures}: the data pipeline or the model is broken (labels not matching images? a learning rate far too low? a dead model?)";
        return new OverfitCheckResult(passed, options.Examples, steps, initialLoss, evaluation.Loss, evaluation.Accuracy, config.LearningRate, summary);
    }
}

/// <summary>How hard the overfitting check tries.</summary>
/// <param name="Examples">Training examples to memorize (the first of the training split).</param>
/// <param name="MaxSteps">Full-batch optimizer steps at most.</param>
/// <param name="LossThreshold">Training loss at or below which (with accuracy 1.0) the check passes.</param>
/// <param name="EvaluateEvery">Steps between looks at the loss and accuracy (in evaluation mode).</param>
public sealed record class OverfitCheckOptions(int Examples = 20, int MaxSteps = 300, double LossThreshold = 0.05, int EvaluateEvery = 10);

/// <summary>What the overfitting check found.</summary>
/// <param name="FinalLoss">Training loss on the examples (evaluation mode) at the end.</param>
/// <param name="FinalAccuracy">Training accuracy on the examples at the end.</param>
public sealed record class OverfitCheckResult(
    bool Passed,
    int Examples,
    int Steps,
    double InitialLoss,
    double FinalLoss,
    double FinalAccuracy,
    double LearningRate,
    string Summary);
