using HyperSearch.Sdk;

namespace HyperSearch.Examples.Residual;

/// <summary>One trial's hyperparameters, with the names and ranges a sweep's <c>space:</c> may use.</summary>
public sealed record class ResidualSettings(double LearningRate, double WeightDecay, int Width, int Blocks, double LabelSmoothing, int BatchSize)
{
    /// <summary>What a parameter the space leaves out takes: declared here once, and quoted by the descriptions.</summary>
    public static ResidualSettings Defaults { get; } = new(LearningRate: 3e-3, WeightDecay: 1e-4, Width: 16, Blocks: 2, LabelSmoothing: 0, BatchSize: 64);

    /// <summary>
    /// What the sweep checks <c>space:</c> against before anything runs: every value inside these
    /// bounds must train, so the trainer itself never rejects one.
    /// </summary>
    public static IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Real("lr", min: 0, max: 1, minInclusive: false, maxInclusive: true) with { Description = $"AdamW learning rate (default {Defaults.LearningRate})" },
        ParameterDefinition.Real("weight_decay", min: 0, max: 1) with { Description = $"AdamW's decoupled weight decay (default {Defaults.WeightDecay})" },
        // Not below 16: on the CPU back end TorchSharp 0.107 ships, backward passes through narrower
        // convolution stacks now and then produced NaN gradients (uninitialized memory) in our runs.
        ParameterDefinition.Integer("width", min: 16, max: 256) with { Description = $"channels of the stem and every block (default {Defaults.Width})" },
        ParameterDefinition.Integer("blocks", min: 1, max: 16) with { Description = $"residual blocks (default {Defaults.Blocks})" },
        ParameterDefinition.Real("label_smoothing", min: 0, max: 0.5) with { Description = $"weight spread over the other classes in the training loss (default {Defaults.LabelSmoothing})" },
        ParameterDefinition.Integer("batch_size", min: 8, max: 1024) with { Description = $"examples per step (default {Defaults.BatchSize})" },
    ];

    /// <summary>Reads a trial's values; a parameter the space leaves out takes its default.</summary>
    public static ResidualSettings From(TrialParameters parameters) => new(
        parameters.Real("lr", Defaults.LearningRate),
        parameters.Real("weight_decay", Defaults.WeightDecay),
        (int)parameters.Integer("width", Defaults.Width),
        (int)parameters.Integer("blocks", Defaults.Blocks),
        parameters.Real("label_smoothing", Defaults.LabelSmoothing),
        (int)parameters.Integer("batch_size", Defaults.BatchSize));
}
