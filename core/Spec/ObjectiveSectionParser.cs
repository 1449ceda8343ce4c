namespace HyperSearch.Spec;

/// <summary>Reads <c>objective:</c>. The mode follows from the metric, so giving it is only a check.</summary>
internal static class ObjectiveSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["metric", "mode"];

    public static ObjectiveSpec Read(MappingReader objective)
    {
        string? metric = objective.Word("metric", SpecNames.Metrics, "metric");
        bool metricInvalid = metric is null && objective.Has("metric");
        metric ??= SpecNames.ValAccuracy;
        var natural = metric == SpecNames.ValLoss ? ObjectiveMode.Min : ObjectiveMode.Max;

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
}
