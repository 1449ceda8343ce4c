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

        var weights = members.Select(_ => 1.0).ToList();
        var combined = WeightedAverage.Combine(members.Select(m => m.Validation).ToList(), weights);
        return new EnsembleSelection(
            members.Select(m => new EnsembleMember(m.Id, 1.0 / members.Count)).ToList(),
            EnsembleScore.Of(combined, members[0].Validation.Classes, labels));
    }

    /// <summary>
    /// Caruana et al. (2004) forward selection with replacement: start from the best single model,
    /// then repeatedly add whichever candidate (again, if it helps) most lowers the ensemble's
    /// validation negative log-likelihood; stop when no addition lowers it or after
    /// <paramref name="maxSteps"/> additions. Weights are the selection counts. NLL, not accuracy,
    /// drives the search because accuracy moves in coarse steps and stalls on small validation sets.
    /// </summary>
    public static EnsembleSelection Greedy(IReadOnlyList<EnsembleCandidate> candidates, IReadOnlyList<int> labels, int maxSteps = 50)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("no candidates to select from", nameof(candidates));
        }

        var classes = candidates[0].Validation.Classes;
        var singles = candidates.Select(c => EnsembleScore.Of(ToDouble(c.Validation.Values), classes, labels)).ToList();
        var first = Enumerable.Range(0, candidates.Count).MinBy(i => singles[i].NegativeLogLikelihood);

        var counts = new int[candidates.Count];
        counts[first] = 1;
        var sum = ToDouble(candidates[first].Validation.Values); // running sum of chosen members' probabilities
        var chosen = 1;
        var best = singles[first];

        for (var step = 1; step < maxSteps; step++)
        {
            var bestCandidate = -1;
            EnsembleScore? bestScore = null;
            for (var c = 0; c < candidates.Count; c++)
            {
                var score = EnsembleScore.Of(AverageWith(sum, chosen, candidates[c].Validation.Values), classes, labels);
                if (score.NegativeLogLikelihood < (bestScore?.NegativeLogLikelihood ?? best.NegativeLogLikelihood))
                {
                    bestCandidate = c;
                    bestScore = score;
                }
            }

            if (bestCandidate < 0)
            {
                break; // no addition improves the validation NLL
            }

            counts[bestCandidate]++;
            chosen++;
            var values = candidates[bestCandidate].Validation.Values;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += values[i];
            }

            best = bestScore!;
        }

        var members = Enumerable.Range(0, candidates.Count)
            .Where(i => counts[i] > 0)
            .Select(i => new EnsembleMember(candidates[i].Id, (double)counts[i] / chosen))
            .ToList();
        return new EnsembleSelection(members, best);
    }

    private static double[] AverageWith(double[] sum, int chosen, float[] candidate)
    {
        var average = new double[sum.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            average[i] = (sum[i] + candidate[i]) / (chosen + 1);
        }

        return average;
    }

    private static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);
}
