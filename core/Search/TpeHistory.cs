using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Turns what a TPE searcher knows (finished trials, and trials in flight) into its good and bad
/// sets with kernel weights.
/// <list type="bullet">
/// <item>Ranking, multi-fidelity (BOHB's rule, Falkner et al. 2018): when trials report curves,
/// they are compared at the highest epoch that enough of them reached, finished or still running,
/// so under ASHA the model learns from the deepest rung with enough results rather than from a mix
/// of 1-epoch and 9-epoch figures. Trials that stopped short of that epoch rank below the ones that
/// reached it (a scheduler already judged them), diverged trials last.</item>
/// <item>Split: the best <see cref="TpeSettings.GoodCount"/> are good, the rest bad.</item>
/// <item>Constant liar: a trial in flight with no figure at that epoch yet joins the bad set.</item>
/// <item>Weights: within each set, when it holds more than <see cref="FullWeightCount"/> trials, the
/// older ones ramp down linearly from 1/n (Optuna's default), so the model follows recent results.</item>
/// </list>
/// </summary>
internal static class TpeHistory
{
    /// <summary>The newest this many trials of a set keep full weight.</summary>
    public const int FullWeightCount = 25;

    public static (List<WeightedPoint> Good, List<WeightedPoint> Bad) Split(
        IReadOnlyCollection<TrialObservation> observed, IReadOnlyList<PendingTrial> inFlight, int dimensions, TpeSettings settings)
    {
        var ranked = Rank(observed, inFlight, dimensions, out var liars);
        int goodCount = settings.GoodCount(ranked.Count);
        var good = ranked.Take(goodCount).Select(r => r.Number).ToList();
        var bad = ranked.Skip(goodCount).Select(r => r.Number).ToList();
        if (settings.ConstantLiar)
        {
            bad.AddRange(liars);
        }

        var parameters = observed.Select(o => (o.TrialNumber, o.Parameters))
            .Concat(inFlight.Select(p => (p.TrialNumber, p.Parameters)))
            .GroupBy(p => p.TrialNumber)
            .ToDictionary(g => g.Key, g => g.First().Parameters);
        return (Weighted(good, parameters), Weighted(bad, parameters));
    }

    /// <summary>Trials with a verdict, best first; <paramref name="liars"/> gets the in-flight trials with no figure to compare.</summary>
    private static List<(int Number, double Value)> Rank(
        IReadOnlyCollection<TrialObservation> observed, IReadOnlyList<PendingTrial> inFlight, int dimensions, out List<int> liars)
    {
        var verdicts = observed.Where(o => o.Objective is not null).ToList();
        int fidelity = FidelityEpoch(verdicts, inFlight, dimensions);
        liars = [];
        var keyed = new List<(int Number, int Tier, int Epochs, double Value)>();
        foreach (var o in verdicts)
        {
            double objective = o.Objective!.Value;
            if (double.IsNegativeInfinity(objective) || double.IsNaN(objective))
            {
                keyed.Add((o.TrialNumber, 2, 0, double.NegativeInfinity));
            }
            else if (fidelity > 0 && o.Curve is { } curve && curve.Count >= fidelity)
            {
                keyed.Add((o.TrialNumber, 0, fidelity, Finite(curve[fidelity - 1])));
            }
            else
            {
                keyed.Add((o.TrialNumber, 1, o.Epochs, objective));
            }
        }

        foreach (var p in inFlight)
        {
            if (fidelity > 0 && p.Curve.Count >= fidelity)
            {
                keyed.Add((p.TrialNumber, 0, fidelity, Finite(p.Curve[fidelity - 1])));
            }
            else
            {
                liars.Add(p.TrialNumber);
            }
        }

        return keyed
            .OrderBy(k => k.Tier)
            .ThenByDescending(k => k.Epochs)
            .ThenByDescending(k => k.Value)
            .ThenBy(k => k.Number)
            .Select(k => (k.Number, k.Value))
            .ToList();
    }

    /// <summary>
    /// The highest epoch at which at least dimensions + 3 trials have a figure (BOHB's minimum for a
    /// model of d parameters, plus two); 0 when trials report no curves or too few reached epoch 1.
    /// </summary>
    private static int FidelityEpoch(List<TrialObservation> verdicts, IReadOnlyList<PendingTrial> inFlight, int dimensions)
    {
        var lengths = verdicts.Where(o => o.Curve is not null && double.IsFinite(o.Objective!.Value)).Select(o => o.Curve!.Count)
            .Concat(inFlight.Select(p => p.Curve.Count))
            .Where(n => n > 0)
            .OrderDescending()
            .ToList();
        int needed = dimensions + 3;
        return lengths.Count >= needed ? lengths[needed - 1] : 0;
    }

    private static double Finite(double value) => double.IsNaN(value) ? double.NegativeInfinity : value;

    /// <summary>Weights by age within one set: the newest <see cref="FullWeightCount"/> weigh 1, older ones ramp from 1/n up.</summary>
    private static List<WeightedPoint> Weighted(List<int> numbers, Dictionary<int, IReadOnlyDictionary<string, ParamValue>> parameters)
    {
        var byAge = numbers.Order().ToList();
        int n = byAge.Count;
        int ramped = Math.Max(0, n - FullWeightCount);
        var points = new List<WeightedPoint>(n);
        for (int i = 0; i < n; i++)
        {
            double weight = i >= ramped ? 1.0 : ramped == 1 ? 1.0 / n : (1.0 / n) + ((1.0 - (1.0 / n)) * i / (ramped - 1));
            points.Add(new WeightedPoint(byAge[i], parameters[byAge[i]], weight));
        }

        return points;
    }
}
