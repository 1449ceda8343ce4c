namespace HyperSearch.Sdk;

/// <summary>What a trainer accepts and reports: the sweep checks a spec against it before running anything.</summary>
/// <param name="Parameters">Every parameter <c>space:</c> may name; a parameter left out of the space takes the trainer's own default.</param>
/// <param name="Metrics">Every metric it reports per epoch; <c>objective.metric</c> must be one, and the first is the default objective.</param>
public sealed record class TrainerSchema(IReadOnlyList<ParameterDefinition> Parameters, IReadOnlyList<MetricDefinition> Metrics)
{
    /// <summary>Whether the trainer reads the built-in data sets (<see cref="TrialContext.Data"/>), so <c>data:</c> is required.</summary>
    public bool RequiresData { get; init; }

    /// <summary>
    /// Whether <c>space:</c> may name any parameter with any values (a training command whose
    /// arguments the sweep cannot know); <see cref="Parameters"/> is then empty.
    /// </summary>
    public bool AcceptsAnyParameter { get; init; }

    /// <summary>
    /// Whether the trainer detects divergence itself (the built-in toolbox checks every minibatch
    /// against the true initial loss). Otherwise the sweep watches every reported metric whose name
    /// ends in <c>loss</c> by <see cref="DivergenceRule"/>, against its first reported value.
    /// </summary>
    public bool DetectsDivergence { get; init; }

    public ParameterDefinition? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public MetricDefinition? FindMetric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
