namespace HyperSearch.Search;

/// <summary>
/// How <see cref="TpeSearcher"/> models the results. The defaults are the ones the search benchmark
/// (bench/search.sh, the README's "Search that learns") measured best.
/// </summary>
/// <param name="StartupTrials">Trials drawn at random before the model proposes anything.</param>
/// <param name="Multivariate">
/// One joint kernel per observation over all the parameters that are active together (the
/// conditional ones grouped by the conditions that activate them), instead of one independent
/// density per parameter: it sees that a good learning rate depends on the optimizer.
/// </param>
/// <param name="ConstantLiar">
/// Trials still running count as bad results at their configurations, so the proposals made while
/// they run move away from them instead of piling onto the same point.
/// </param>
/// <param name="GoodShare">The share of the observations that counts as good (before <paramref name="GoodCap"/>).</param>
/// <param name="GoodCap">At most this many observations count as good, however many there are.</param>
/// <param name="BandwidthUnits">Continuous kernels scored in units of their bandwidth (see <see cref="ParzenMixture"/>).</param>
public sealed record class TpeSettings(
    int StartupTrials = TpeSettings.DefaultStartupTrials,
    bool Multivariate = false,
    bool ConstantLiar = true,
    double GoodShare = 0.1,
    int GoodCap = 25,
    bool BandwidthUnits = true)
{
    public const int DefaultStartupTrials = 10;

    /// <summary>Draws from l(x) of which the one with the highest l(x)/g(x) is proposed (hyperopt's and Optuna's default).</summary>
    public const int Candidates = 24;

    /// <summary>How many of <paramref name="observations"/> count as good: a share that grows with them, up to a cap, at least one.</summary>
    public int GoodCount(int observations) => Math.Clamp((int)Math.Ceiling(GoodShare * observations), 1, Math.Max(1, GoodCap));
}
