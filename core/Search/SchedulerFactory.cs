using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Builds the scheduler a spec asks for; like <see cref="SearcherFactory"/>, its table decides
/// which scheduler types specs may name.
/// </summary>
public static class SchedulerFactory
{
    private static readonly Dictionary<SchedulerType, Func<SweepSpec, ISearchScheduler>> Builders = new()
    {
        [SchedulerType.None] = _ => NoScheduler.Instance,
        [SchedulerType.Asha] = spec => new AshaScheduler(spec),
        [SchedulerType.Hyperband] = spec => new HyperbandScheduler(spec),
        [SchedulerType.Median] = spec => new MedianStoppingScheduler(spec),
        [SchedulerType.Pbt] = spec => new PbtScheduler(spec),
    };

    public static IReadOnlyList<SchedulerType> Available { get; } = Builders.Keys.Order().ToArray();

    public static bool IsAvailable(SchedulerType type) => Builders.ContainsKey(type);

    /// <exception cref="SpecException">The spec names a scheduler with no implementation.</exception>
    public static ISearchScheduler Create(SweepSpec spec) =>
        Builders.TryGetValue(spec.Scheduler.Type, out var build)
            ? build(spec)
            : throw new SpecException(new SpecError("scheduler.type", $"{SpecNames.Of(spec.Scheduler.Type)} is not available yet"));
}
