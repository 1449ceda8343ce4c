using HyperSearch.Search;

namespace HyperSearch.Spec;

/// <summary>Reads <c>scheduler:</c>: the early-stopping rule applied at each epoch report.</summary>
internal static class SchedulerSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["type", "grace_epochs", "reduction_factor", "mode"];

    public const int DefaultGraceEpochs = 1;
    public const int DefaultReductionFactor = 3;

    public static SchedulerSpec Read(MappingReader scheduler, SpecParseOptions options)
    {
        string? name = scheduler.Word("type", SpecNames.Schedulers.Keys, "scheduler");
        var type = name is null ? SchedulerType.None : SpecNames.Schedulers[name];
        if (options.RequireAvailableStrategies && !SchedulerFactory.IsAvailable(type))
        {
            string available = SpecFormat.List(SchedulerFactory.Available.Select(SpecNames.Of));
            scheduler.Errors.Add(scheduler.PathOf("type"), $"{name} is not available yet (available: {available})");
        }

        string? mode = scheduler.Word("mode", SpecNames.SchedulerModes.Keys, "mode");
        if (mode is not null && type is not (SchedulerType.Asha or SchedulerType.Hyperband))
        {
            scheduler.Errors.Add(scheduler.PathOf("mode"), $"applies to asha and hyperband only, not {name ?? "none"}");
        }

        return new SchedulerSpec(
            type,
            scheduler.Int("grace_epochs", min: 1, max: SpecLimits.MaxEpochs) ?? DefaultGraceEpochs,
            scheduler.Int("reduction_factor", min: 2, max: 1_000) ?? DefaultReductionFactor,
            mode is null ? SchedulerMode.Stop : SpecNames.SchedulerModes[mode]);
    }
}
