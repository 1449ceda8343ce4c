namespace HyperSearch.Spec;

/// <summary>
/// Reads <c>budget:</c>: how many trials, how long each may train, how many at once, how long in
/// all, and how many epochs in all (<c>epochs</c>, summed over every trial).
/// </summary>
internal static class BudgetSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["trials", "max_epochs", "parallelism", "time_limit", "epochs"];

    public const int DefaultMaxEpochs = 10;

    /// <summary>Parallelism 0 means "as many trials as there are trainer slots".</summary>
    public const int AllSlots = 0;

    public static BudgetSpec Read(MappingReader budget) =>
        new(
            budget.RequiredInt("trials", min: 1, max: SpecLimits.Trials) ?? 1,
            budget.Int("max_epochs", min: 1, max: SpecLimits.MaxEpochs) ?? DefaultMaxEpochs,
            budget.Int("parallelism", min: 1, max: SpecLimits.Parallelism) ?? AllSlots,
            ReadTimeLimit(budget),
            budget.Int("epochs", min: 1));

    private static TimeSpan? ReadTimeLimit(MappingReader budget)
    {
        if (budget.Text("time_limit") is not { } text)
        {
            return null;
        }

        if (!SpecDuration.TryParse(text, out var limit))
        {
            budget.Errors.Add(budget.PathOf("time_limit"), $"expected a duration such as {SpecDuration.Examples}, got '{text}'");
            return null;
        }

        return limit;
    }
}
