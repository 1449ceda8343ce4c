using HyperSearch.Sdk;

namespace HyperSearchPlugin;

/// <summary>One trial's hyperparameters: each one's range and default, declared here once.</summary>
public sealed record class PluginSettings(double LearningRate, int Hidden, int BatchSize)
{
    public static PluginSettings Defaults { get; } = new(LearningRate: 1e-3, Hidden: 128, BatchSize: 64);

    /// <summary>What <c>space:</c> may name; the sweep checks a spec against it before anything runs.</summary>
    public static IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Real("lr", min: 0, max: 1, minInclusive: false, maxInclusive: true) with { Description = $"Adam's learning rate (default {Defaults.LearningRate})" },
        ParameterDefinition.Integer("hidden", min: 1, max: 4096) with { Description = $"units of the hidden layer (default {Defaults.Hidden})" },
        ParameterDefinition.Integer("batch_size", min: 1, max: 4096) with { Description = $"examples per step (default {Defaults.BatchSize})" },
    ];

    /// <summary>A trial's values; a parameter the space leaves out takes its default.</summary>
    public static PluginSettings From(TrialParameters parameters) => new(
        parameters.Real("lr", Defaults.LearningRate),
        (int)parameters.Integer("hidden", Defaults.Hidden),
        (int)parameters.Integer("batch_size", Defaults.BatchSize));
}
