using HyperSearch.Sdk;

namespace HyperSearch.Spec;

/// <summary>
/// Reads <c>objective:</c>. The metric must be one the trainer reports (its schema's first metric
/// by default), and the mode follows from the metric, so giving it is only a check.
/// </summary>
internal static class ObjectiveSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["metric", "mode"];

    public static ObjectiveSpec Read(MappingReader objective, TrainerSchema? schema)
    {
        var declared = schema?.Metrics ?? [];
        string? metric = schema is null ? objective.Text("metric") : objective.Word("metric", declared.Select(m => m.Name), "metric");
        bool metricInvalid = metric is null && objective.Has("metric");
        metric ??= declared.Count > 0 ? declared[0].Name : SpecNames.ValAccuracy;
        var natural = NaturalMode(metric, schema);

        string? modeName = objective.Word("mode", SpecNames.Modes.Keys, "mode");
        var mode = modeName is null ? natural : SpecNames.Modes[modeName];
        if (mode != natural && !metricInvalid)
        {
            // Maximizing a loss is never what anyone means; say so instead of searching backwards.
            string verb = natural == ObjectiveMode.Max ? "maximized" : "minimized";
            objective.Errors.Add(
                objective.PathOf("mode"),
                $"{metric} is {verb}; mode {modeName} contradicts it (use {SpecNames.Of(natural)} or leave mode out)");
        }

        return new ObjectiveSpec(metric, natural);
    }

    /// <summary>The schema's goal for the metric; without a schema, losses and errors are minimized and the rest maximized.</summary>
    private static ObjectiveMode NaturalMode(string metric, TrainerSchema? schema) =>
        schema?.FindMetric(metric) is { } declared
            ? declared.Goal == MetricGoal.Minimize ? ObjectiveMode.Min : ObjectiveMode.Max
            : metric.EndsWith("loss", StringComparison.Ordinal) || metric.EndsWith("error", StringComparison.Ordinal) ? ObjectiveMode.Min : ObjectiveMode.Max;
}
