namespace HyperSearch.Ensembles;

/// <summary>
/// One forward selection with replacement (Caruana et al. 2004) over candidates' validation
/// probabilities: from an initial set (each model once), add whichever candidate of the pool gives
/// the lowest ensemble NLL, even when no addition lowers it, until a fixed number of models is in.
/// Going on past a step that helps nothing is what lets a second model in: {a} + b gives b half the
/// vote, but {a, a, a} + b gives it a quarter, which may help where a half hurt. The best ensemble
/// met on the way is the result (the first one, on ties: the smaller).
/// </summary>
internal sealed class GreedyClimb(IReadOnlyList<double[]> probabilities, int classes, IReadOnlyList<int> labels)
{
    /// <summary>An improvement smaller than this is rounding, not a better ensemble.</summary>
    private const double Tolerance = 1e-12;

    public EnsembleScore Score(double[] combined) => EnsembleScore.Of(combined, classes, labels);

    /// <summary>The validation score of <paramref name="members"/> averaged with equal weights.</summary>
    public EnsembleScore ScoreOfEqual(IEnumerable<int> members)
    {
        var list = members.ToList();
        var sum = new double[probabilities[0].Length];
        foreach (var m in list)
        {
            Add(sum, probabilities[m]);
        }

        return Score(Scale(sum, 1.0 / list.Count));
    }

    /// <param name="pool">The candidates (indices) this selection may add, best-ranked first: ties go to the first.</param>
    /// <param name="initial">Each in the ensemble once at the start.</param>
    /// <param name="steps">Models in the ensemble (repeats included) at which selection stops.</param>
    /// <param name="minDistinct">Which states count for <see cref="ClimbResult.BestWithMinimum"/>.</param>
    public ClimbResult Run(IReadOnlyList<int> pool, IReadOnlyList<int> initial, int steps, int minDistinct)
    {
        var counts = new int[probabilities.Count];
        var sum = new double[probabilities[0].Length];
        foreach (var i in initial)
        {
            counts[i]++;
            Add(sum, probabilities[i]);
        }

        var total = initial.Count;
        var state = new ClimbState((int[])counts.Clone(), Score(Scale(sum, 1.0 / total)));
        var best = state;
        ClimbState? bestWithMinimum = state.Distinct >= minDistinct ? state : null;
        var trial = new double[sum.Length];
        while (total < steps)
        {
            var chosen = -1;
            EnsembleScore? chosenScore = null;
            foreach (var c in pool)
            {
                for (var i = 0; i < trial.Length; i++)
                {
                    trial[i] = (sum[i] + probabilities[c][i]) / (total + 1);
                }

                var score = Score(trial);
                if (chosenScore is null || score.NegativeLogLikelihood < chosenScore.NegativeLogLikelihood - Tolerance)
                {
                    chosen = c;
                    chosenScore = score;
                }
            }

            counts[chosen]++;
            total++;
            Add(sum, probabilities[chosen]);
            state = new ClimbState((int[])counts.Clone(), chosenScore!);
            if (state.Score.NegativeLogLikelihood < best.Score.NegativeLogLikelihood - Tolerance)
            {
                best = state;
            }

            if (state.Distinct >= minDistinct
                && (bestWithMinimum is null || state.Score.NegativeLogLikelihood < bestWithMinimum.Score.NegativeLogLikelihood - Tolerance))
            {
                bestWithMinimum = state;
            }
        }

        return new ClimbResult(best, bestWithMinimum);
    }

    private static void Add(double[] sum, double[] values)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += values[i];
        }
    }

    private static double[] Scale(double[] values, double factor) => Array.ConvertAll(values, v => v * factor);
}

/// <summary>An ensemble on a selection's path: how often each candidate was chosen, and its validation score.</summary>
internal sealed record class ClimbState(int[] Counts, EnsembleScore Score)
{
    public int Distinct => Counts.Count(c => c > 0);
}

/// <summary>The best ensemble on the path, and the best with at least the minimum number of members (null when none had).</summary>
internal sealed record class ClimbResult(ClimbState Best, ClimbState? BestWithMinimum);
