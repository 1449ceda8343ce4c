namespace HyperSearch.Search;

/// <summary>
/// One Hyperband bracket (Li et al. 2018, "Hyperband", Algorithm 1): successive halving that starts
/// <see cref="Trials"/> configurations at <see cref="Epochs"/> epochs each and keeps the best
/// 1/eta at each of its <see cref="S"/> eliminations.
/// </summary>
/// <param name="S">The bracket index s: how many eliminations it makes (s_max down to 0).</param>
/// <param name="Trials">n: configurations the bracket starts.</param>
/// <param name="Epochs">r: epochs each is first given.</param>
/// <param name="Rounds">The bracket's successive-halving rounds i = 0..s: n_i = floor(n · eta^-i) trials trained to r_i = r · eta^i epochs (the last round to max_epochs).</param>
public sealed record class HyperbandBracket(int S, int Trials, int Epochs, IReadOnlyList<(int Trials, int Epochs)> Rounds)
{
    /// <summary>The epochs at which this bracket judges a trial: every round's but the last.</summary>
    public IEnumerable<int> Rungs => Rounds.Take(Rounds.Count - 1).Select(round => round.Epochs);
}
