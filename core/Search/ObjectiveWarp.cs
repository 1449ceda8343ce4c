namespace HyperSearch.Search;

/// <summary>
/// Transforms of the objectives before a Gaussian process models them (larger is better in and
/// out; a non-finite value, a diverged trial, counts as the worst finite one). Measured on the
/// search benchmark (bench/search.sh): <see cref="LogTail"/> fits heavy-tailed objectives
/// (Rosenbrock, Levy) better than plain standardising and keeps most of its precision on smooth ones.
/// </summary>
internal static class ObjectiveWarp
{
    public static double[] Apply(ObjectiveWarpKind kind, double[] values) => kind switch
    {
        ObjectiveWarpKind.NormalScores => NormalScores(values),
        ObjectiveWarpKind.LogTail => LogTail(values),
        _ => Standardised(values),
    };

    public static double[] Standardised(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        double worst = finite.Length > 0 ? finite.Min() : 0;
        var raw = values.Select(v => double.IsFinite(v) ? v : worst).ToArray();
        double mean = raw.Average();
        double std = Math.Sqrt(raw.Select(v => (v - mean) * (v - mean)).Average());
        std = std > 1e-12 ? std : 1;
        return raw.Select(v => (v - mean) / std).ToArray();
    }

    /// <summary>
    /// Values centred on their median and scaled by their median absolute deviation; beyond one such
    /// unit the distance is compressed to 1 + log(distance), so a loss that spans decades keeps its
    /// order and its fine differences near the best but its worst trials no longer dominate the fit.
    /// </summary>
    public static double[] LogTail(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        double worst = finite.Length > 0 ? finite.Min() : 0;
        var raw = values.Select(v => double.IsFinite(v) ? v : worst).ToArray();
        double median = raw.Order().ElementAt(raw.Length / 2);
        double mad = raw.Select(v => Math.Abs(v - median)).Order().ElementAt(raw.Length / 2);
        mad = mad > 1e-12 ? mad : 1;
        var warped = raw.Select(v =>
        {
            double z = (v - median) / mad;
            return Math.Abs(z) <= 1 ? z : Math.Sign(z) * (1 + Math.Log(Math.Abs(z)));
        }).ToArray();
        return Standardised(warped);
    }

    /// <summary>
    /// Each value replaced by the standard normal quantile of its rank (ties share their mean rank):
    /// the process models the ordering, not the scale, so one huge loss (or a diverged trial, which
    /// ranks last) does not flatten every other difference. Objectives on a heavy-tailed scale
    /// (a loss that spans decades) fit far better this way.
    /// </summary>
    public static double[] NormalScores(double[] values)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => double.IsNaN(values[i]) ? double.NegativeInfinity : values[i]).ToArray();
        var scores = new double[n];
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && values[order[end + 1]].Equals(values[order[start]]))
            {
                end++;
            }

            double rank = (start + end) / 2.0;
            double score = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (rank + 0.5) / n);
            for (int i = start; i <= end; i++)
            {
                scores[order[i]] = score;
            }

            start = end + 1;
        }

        return scores;
    }
}
