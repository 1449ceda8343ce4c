namespace HyperSearch.Ensembles;

/// <summary>
/// Why each candidate is in or out of a chosen ensemble, in validation NLL: a member's, the
/// ensemble's without it; a left-out candidate's, the lowest the ensemble's could be with it
/// mixed in at any share selection could give it (1/2, 1/3, ... 1/(steps + 1)).
/// </summary>
internal static class CandidateVerdicts
{
    /// <param name="weights">Per candidate, summing to one; 0 for those left out.</param>
    /// <param name="steps">The smallest share a left-out candidate is tried at is 1/(steps + 1).</param>
    public static (EnsembleScore Ensemble, IReadOnlyList<CandidateReport> Candidates) Of(
        IReadOnlyList<EnsembleCandidate> candidates, IReadOnlyList<double[]> probabilities, double[] weights, IReadOnlyList<int> labels, int steps)
    {
        var classes = candidates[0].Validation.Classes;
        EnsembleScore Score(double[] p) => EnsembleScore.Of(p, classes, labels);

        var ensemble = Mix(probabilities, weights);
        var score = Score(ensemble);
        var members = weights.Count(w => w > 0);
        var reports = new List<CandidateReport>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var alone = ScoreReport.From(Score(probabilities[i]));
            if (weights[i] > 0)
            {
                double? withoutIt = null;
                if (members > 1)
                {
                    var others = weights.Select((w, j) => j == i ? 0 : w / (1 - weights[i])).ToArray();
                    withoutIt = Score(Mix(probabilities, others)).NegativeLogLikelihood;
                }

                reports.Add(new CandidateReport(candidates[i].Id, weights[i], alone, EnsembleNllIfRemoved: withoutIt));
            }
            else
            {
                var (share, nll) = BestShare(ensemble, probabilities[i], steps, Score);
                reports.Add(new CandidateReport(candidates[i].Id, 0, alone, nll, share));
            }
        }

        return (score, reports);
    }

    /// <summary>The share (1/2 to 1/(steps + 1)) at which mixing <paramref name="candidate"/> into <paramref name="ensemble"/> gives the lowest NLL, and that NLL; the larger share on ties.</summary>
    private static (double Share, double Nll) BestShare(double[] ensemble, double[] candidate, int steps, Func<double[], EnsembleScore> score)
    {
        var best = (Share: 0.0, Nll: double.PositiveInfinity);
        var withIt = new double[ensemble.Length];
        for (var k = 1; k <= Math.Max(1, steps); k++)
        {
            var share = 1.0 / (k + 1);
            for (var j = 0; j < withIt.Length; j++)
            {
                withIt[j] = ((1 - share) * ensemble[j]) + (share * candidate[j]);
            }

            var nll = score(withIt).NegativeLogLikelihood;
            if (nll < best.Nll)
            {
                best = (share, nll);
            }
        }

        return best;
    }

    private static double[] Mix(IReadOnlyList<double[]> probabilities, IReadOnlyList<double> weights)
    {
        var mixed = new double[probabilities[0].Length];
        for (var m = 0; m < probabilities.Count; m++)
        {
            if (weights[m] == 0)
            {
                continue;
            }

            for (var k = 0; k < mixed.Length; k++)
            {
                mixed[k] += weights[m] * probabilities[m][k];
            }
        }

        return mixed;
    }
}
