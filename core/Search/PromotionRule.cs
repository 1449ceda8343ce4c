namespace HyperSearch.Search;

/// <summary>
/// Asynchronous successive halving's test at a rung (Li et al. 2020, "A System for Massively
/// Parallel Hyperparameter Tuning"). The paper promotes, at any time, the trials ranked within
/// floor(n / eta) of the n results at a rung; a trial not promoted yet waits and may be promoted
/// later. Here a trial that reaches a rung is still training and cannot wait, so the test is made
/// once, on arrival: with n results at the rung (this one included), the trial continues when its
/// rank (1 + the number of strictly better results; ties favour the newcomer) is at most
/// ceil(n / eta). Rounding up lets the first arrivals through, as Ray Tune's AsyncHyperBand does
/// (its cutoff is the (1 - 1/eta) quantile of the earlier results, none before the first), and
/// tends to the top 1/eta as the rung fills; floor would stop the first eta - 1 arrivals of every
/// rung whatever their results. Schedulers in pause mode can wait, so they use the paper's floor
/// (<see cref="IsPromotable"/>).
/// </summary>
public static class PromotionRule
{
    public static bool Continues(double objective, IReadOnlyCollection<double> others, int eta) =>
        Continues(others.Count(other => other > objective), others.Count, eta);

    /// <summary>
    /// The paper's rule, for schedulers that pause (<see cref="ISearchScheduler.NextPromotion"/>): a trial is
    /// promotable when its rank among the <paramref name="count"/> results at the rung (itself
    /// included; ties favour it) is at most floor(count / eta). A trial that is not may become so
    /// as later results arrive below it.
    /// </summary>
    /// <param name="better">How many of the other results are strictly better.</param>
    public static bool IsPromotable(int better, int count, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        return 1 + better <= count / eta;
    }

    /// <param name="better">How many of the other results are strictly better.</param>
    /// <param name="others">How many other results the rung holds.</param>
    public static bool Continues(int better, int others, int eta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eta, 2);
        int n = others + 1;
        int rank = 1 + better;
        return rank <= (n + eta - 1) / eta;
    }
}
