using HyperSearch.Sdk;

namespace HyperSearch.TestTrainers;

/// <summary>
/// A plugin with metrics of its own: "score" is x each epoch. With <c>throw_above</c> set, a trial
/// whose x exceeds it throws in its first epoch; with <c>explode</c>, its train_loss quadruples after
/// the first epoch, which the sweep must call diverged. Needs no data.
/// </summary>
public sealed class ScoreTrainer : ITrainer
{
    public TrainerSchema Schema { get; } = new(
        [
            ParameterDefinition.Real("x", min: 0, max: 1, maxInclusive: true),
            ParameterDefinition.Real("throw_above", min: 0, max: 1, maxInclusive: true),
            ParameterDefinition.Flag("explode"),
        ],
        [MetricDefinition.Maximize("score"), MetricDefinition.Minimize("train_loss")]);

    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        var x = context.Parameters.Real("x", 0.5);
        if (x > context.Parameters.Real("throw_above", 1.0))
        {
            throw new InvalidOperationException($"x = {x} is too large for this trainer");
        }

        for (var epoch = 1; epoch <= context.MaxEpochs; epoch++)
        {
            var loss = context.Parameters.Flag("explode", false) && epoch > 1 ? 4.0 : 1.0 - (0.1 * epoch * x);
            var metrics = new Dictionary<string, double> { ["score"] = x + (0.01 * epoch), ["train_loss"] = loss };
            if (reporter.Report(new EpochResult(epoch, metrics)) == TrialDirective.Stop)
            {
                return new TrialResult(TrialEnd.Stopped, epoch);
            }
        }

        return new TrialResult(TrialEnd.Completed, context.MaxEpochs) { TestMetrics = new Dictionary<string, double> { ["test_score"] = x } };
    }
}
