namespace HyperSearch.Sdk;

/// <summary>A metric a trainer reports every epoch, and which way is better.</summary>
/// <param name="Name">As reported, e.g. <c>val_accuracy</c>, <c>val_f1</c>, <c>val_perplexity</c>.</param>
public sealed record class MetricDefinition(string Name, MetricGoal Goal)
{
    public static MetricDefinition Maximize(string name) => new(name, MetricGoal.Maximize);

    public static MetricDefinition Minimize(string name) => new(name, MetricGoal.Minimize);
}

/// <summary>Which way a metric improves.</summary>
public enum MetricGoal
{
    Maximize,
    Minimize,
}
