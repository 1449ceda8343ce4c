namespace HyperSearch.Search;

/// <summary>
/// How coarse-to-fine splits the trial budget into rounds: <c>trials / rounds</c> each, the
/// remainder in the last round. Never more rounds than trials, so no round is empty.
/// </summary>
public sealed class RoundPlan
{
    private readonly int _perRound;

    public RoundPlan(int trials, int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        Trials = trials;
        Rounds = Math.Min(rounds, trials);
        _perRound = trials / Rounds;
    }

    public int Trials { get; }

    public int Rounds { get; }

    /// <summary>The first trial number of round <paramref name="round"/> (0-based).</summary>
    public int FirstTrial(int round) => round * _perRound;

    public int TrialCount(int round) => round == Rounds - 1 ? Trials - FirstTrial(round) : _perRound;

    /// <summary>The round (0-based) a trial belongs to; numbers past the budget belong to the last.</summary>
    public int RoundOf(int trialNumber) => Math.Min(trialNumber / _perRound, Rounds - 1);
}
