using HyperSearch.Search;

namespace HyperSearch.Spec;

/// <summary>Reads <c>scheduler:</c>: the early-stopping rule applied at each epoch report.</summary>
internal static class SchedulerSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["type", "grace_epochs", "reduction_factor", "mode", "interval_epochs", "quantile", "resample_probability"];

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

        foreach (var key in new[] { "interval_epochs", "quantile", "resample_probability" })
        {
            if (scheduler.Has(key) && type != SchedulerType.Pbt)
            {
                scheduler.Errors.Add(scheduler.PathOf(key), $"applies to pbt only, not {name ?? "none"}");
            }
        }

        return new SchedulerSpec(
            type,
            scheduler.Int("grace_epochs", min: 1, max: SpecLimits.MaxEpochs) ?? DefaultGraceEpochs,
            scheduler.Int("reduction_factor", min: 2, max: 1_000) ?? DefaultReductionFactor,
            mode is null ? SchedulerMode.Stop : SpecNames.SchedulerModes[mode],
            scheduler.Int("interval_epochs", min: 1, max: SpecLimits.MaxEpochs) ?? 2,
            Fraction(scheduler, "quantile", 0.25, max: 0.5, allowZero: false),
            Fraction(scheduler, "resample_probability", 0.25, max: 1, allowZero: true));
    }

    /// <summary>A number in (0, <paramref name="max"/>] ([0, max] when <paramref name="allowZero"/>); the default when absent.</summary>
    private static double Fraction(MappingReader scheduler, string key, double fallback, double max, bool allowZero)
    {
        if (scheduler.Text(key) is not { } text)
        {
            return fallback;
        }

        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || !((allowZero ? value >= 0 : value > 0) && value <= max))
        {
            scheduler.Errors.Add(scheduler.PathOf(key), $"expected a number in {(allowZero ? "[" : "(")}0, {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}], got '{text}'");
            return fallback;
        }

        return value;
    }
}
