namespace HyperSearch.Ensembles;

/// <summary>
/// Picks ensemble members from a library of trained models using their validation probabilities.
/// Pure and deterministic: ties go to the candidate listed first (the better-ranked trial).
/// </summary>
public static class EnsembleSelector
{
    /// <summary>The first <paramref name="topK"/> candidates (ranked best first by the caller), equally weighted.</summary>
    public static EnsembleSelection Average(IReadOnlyList<EnsembleCandidate> ranked, int topK, IReadOnlyList<int> labels)
    {
        var members = ranked.Take(topK).ToList();
        if (members.Count == 0)
        {
            throw new ArgumentException("no candidates to average", nameof(ranked));
        }

        var probabilities = ranked.Select(c => ToDouble(c.Validation.Values)).ToList();
        var weights = ranked.Select((_, i) => i < members.Count ? 1.0 / members.Count : 0).ToArray();
        var verdicts = CandidateVerdicts.Of(ranked, probabilities, weights, labels, SelectionSettings.DefaultSteps);
        return new EnsembleSelection(
            members.Select(m => new EnsembleMember(m.Id, 1.0 / members.Count)).ToList(),
            verdicts.Ensemble, verdicts.Candidates);
    }

    /// <summary>
    /// Caruana et al. (2004) ensemble selection, driven by validation negative log-likelihood (NLL,
    /// not accuracy: accuracy moves in coarse steps and stalls on small validation sets):
    /// sorted initialisation, then forward selection with replacement for
    /// <see cref="SelectionSettings.Steps"/> steps keeping the best ensemble met on the way
    /// (<see cref="GreedyClimb"/>), at least <see cref="SelectionSettings.MinMembers"/> distinct
    /// members, and with <see cref="SelectionSettings.Bags"/> &gt; 0 bagged selection. Weights are the
    /// selection counts (averaged over bags). Every candidate's verdict says why it is in or out.
    /// </summary>
    public static EnsembleSelection Greedy(IReadOnlyList<EnsembleCandidate> candidates, IReadOnlyList<int> labels, SelectionSettings? settings = null)
    {
        settings ??= SelectionSettings.Default;
        if (candidates.Count == 0)
        {
            throw new ArgumentException("no candidates to select from", nameof(candidates));
        }

        if (settings.SortedInit < 1 || settings.MinMembers < 1 || settings.Steps < 1 || settings.Bags < 0)
        {
            throw new ArgumentException($"selection settings out of range: {settings}", nameof(settings));
        }

        var probabilities = candidates.Select(c => ToDouble(c.Validation.Values)).ToList();
        var climb = new GreedyClimb(probabilities, candidates[0].Validation.Classes, labels);
        var singleNll = probabilities.Select(p => climb.Score(p).NegativeLogLikelihood).ToList();
        var weights = new double[candidates.Count];
        double? unconstrained = null;
        if (settings.Bags == 0)
        {
            var (counts, cost) = SelectIn(climb, singleNll, Enumerable.Range(0, candidates.Count).ToList(), settings);
            AddNormalized(weights, counts, 1.0);
            unconstrained = cost;
        }
        else
        {
            var random = new Random(settings.Seed);
            var size = Math.Min(candidates.Count, Math.Max(settings.MinMembers, (int)Math.Ceiling(SelectionSettings.BagFraction * candidates.Count)));
            for (var bag = 0; bag < settings.Bags; bag++)
            {
                var (counts, _) = SelectIn(climb, singleNll, Draw(random, candidates.Count, size), settings);
                AddNormalized(weights, counts, 1.0 / settings.Bags);
            }
        }

        var verdicts = CandidateVerdicts.Of(candidates, probabilities, weights, labels, settings.Steps);
        var members = Enumerable.Range(0, candidates.Count)
            .Where(i => weights[i] > 0)
            .Select(i => new EnsembleMember(candidates[i].Id, weights[i]))
            .ToList();
        return new EnsembleSelection(members, verdicts.Ensemble, verdicts.Candidates, unconstrained);
    }

    /// <summary>
    /// One selection over <paramref name="pool"/>: the selection counts, and when the minimum number
    /// of members made the result worse, the validation NLL of the best ensemble without it.
    /// </summary>
    private static (int[] Counts, double? UnconstrainedNll) SelectIn(GreedyClimb climb, IReadOnlyList<double> singleNll, List<int> pool, SelectionSettings settings)
    {
        var ranked = pool.OrderBy(i => singleNll[i]).ThenBy(i => i).ToList();
        var minimum = Math.Min(settings.MinMembers, ranked.Count);
        var initial = Enumerable.Range(1, Math.Min(settings.SortedInit, ranked.Count))
            .MinBy(n => climb.ScoreOfEqual(ranked.Take(n)).NegativeLogLikelihood); // first (smallest) n on ties
        var result = climb.Run(ranked, ranked.Take(initial).ToList(), settings.Steps, minimum);
        if (result.BestWithMinimum is { } constrained)
        {
            return (constrained.Counts, ReferenceEquals(constrained, result.Best) ? null : result.Best.Score.NegativeLogLikelihood);
        }

        // No ensemble on the path had enough members: start from the best `minimum` candidates instead.
        var forced = climb.Run(ranked, ranked.Take(Math.Max(initial, minimum)).ToList(), settings.Steps, minimum);
        return (forced.BestWithMinimum!.Counts, result.Best.Score.NegativeLogLikelihood);
    }

    /// <summary><paramref name="size"/> distinct indices below <paramref name="count"/> (a partial Fisher-Yates shuffle).</summary>
    private static List<int> Draw(Random random, int count, int size)
    {
        var indices = Enumerable.Range(0, count).ToArray();
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, count);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(size).ToList();
    }

    private static void AddNormalized(double[] weights, int[] counts, double share)
    {
        double total = counts.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] += share * counts[i] / total;
        }
    }

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);
}
