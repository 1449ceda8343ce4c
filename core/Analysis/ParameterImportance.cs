namespace HyperSearch.Analysis;

/// <summary>
/// How much of the objective's variation each parameter explains on its own: the main effects of a
/// functional ANOVA (as fANOVA, Hutter et al. 2014) over a random forest fitted to the trials, with
/// the marginals taken over the trials themselves (partial dependence) rather than over the whole
/// box. A parameter's importance is the variance of its partial dependence curve divided by the
/// variance of the forest's predictions; the parts need not sum to 1 (the rest is interactions).
/// </summary>
public static class ParameterImportance
{
    /// <summary>Rows beyond this are subsampled (seeded): enough for a handful of parameters, and fast at 10,000 trials.</summary>
    private const int MaxRows = 2000;
    private const int ReferenceRows = 200;
    private const int GridPoints = 16;

    /// <param name="rows">One row of features per trial (numbers: log10 for log-scale parameters, an index for choices).</param>
    /// <param name="targets">The trials' objective values.</param>
    /// <returns>One fraction in [0, 1] per feature; all zero when the objective does not vary or there are too few trials.</returns>
    public static double[] Compute(double[][] rows, double[] targets, int seed = 1)
    {
        var features = rows.Length == 0 ? 0 : rows[0].Length;
        var importance = new double[features];
        if (rows.Length < 8 || Variance(targets) < 1e-18)
        {
            return importance;
        }

        var random = new Random(seed);
        var chosen = rows.Length <= MaxRows
            ? Enumerable.Range(0, rows.Length).ToArray()
            : Enumerable.Range(0, rows.Length).OrderBy(_ => random.Next()).Take(MaxRows).ToArray();
        var forest = RegressionForest.Fit(chosen.Select(i => rows[i]).ToArray(), chosen.Select(i => targets[i]).ToArray(), seed: seed);
        var reference = chosen.OrderBy(_ => random.Next()).Take(ReferenceRows).Select(i => rows[i]).ToArray();
        var total = Variance(reference.Select(forest.Predict).ToArray());
        if (total < 1e-18)
        {
            return importance;
        }

        for (var feature = 0; feature < features; feature++)
        {
            // The grid: quantiles of the feature over the trials, so each point weighs the same.
            var column = chosen.Select(i => rows[i][feature]).OrderBy(v => v).ToArray();
            var grid = Enumerable.Range(0, GridPoints).Select(g => column[(int)((g + 0.5) * column.Length / GridPoints)]).ToArray();
            var curve = grid.Select(value => reference.Average(row =>
            {
                var probe = (double[])row.Clone();
                probe[feature] = value;
                return forest.Predict(probe);
            })).ToArray();
            importance[feature] = Math.Clamp(Variance(curve) / total, 0, 1);
        }

        return importance;
    }

    private static double Variance(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Count;
    }
}
