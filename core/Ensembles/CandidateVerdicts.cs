namespace HyperSearch.Ensembles;

/// <summary>
/// Why each candidate is in or out of a chosen ensemble, in validation NLL: a member's, the
/// ensemble's without it; a left-out candidate's, the ensemble's had one more selection step
/// added it.
/// </summary>
internal static class CandidateVerdicts
{
    /// <param name="weights">Per candidate, summing to one; 0 for those left out.</param>
    /// <param name="addedShare">The share of the vote a left-out candidate is tried at.</param>
    public static (EnsembleScore Ensemble, IReadOnlyList<CandidateReport> Candidates) Of(
        IReadOnlyList<EnsembleCandidate> candidates, IReadOnlyList<double[]> probabilities, double[] weights, IReadOnlyList<int> labels, double addedShare)
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
                var withIt = new double[ensemble.Length];
                for (var k = 0; k < withIt.Length; k++)
                {
                    withIt[k] = ((1 - addedShare) * ensemble[k]) + (addedShare * probabilities[i][k]);
                }

                reports.Add(new CandidateReport(candidates[i].Id, 0, alone, Score(withIt).NegativeLogLikelihood, addedShare));
            }
        }

        return (score, reports);
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
