namespace HyperSearch.Search;

/// <summary>
/// A one-dimensional Parzen estimator as TPE uses it (Bergstra et al. 2011; hyperopt's adaptive
/// Parzen): a Gaussian at each observed value plus one wide prior Gaussian at the middle of the
/// range, truncated to the range. Each Gaussian's width is the larger gap to its neighbours, kept
/// between range / min(100, 1 + points) and the range itself, so dense regions get narrow kernels
/// and a lone value a wide one. All weights are equal (no forgetting: sweeps here are small).
/// </summary>
internal sealed class ParzenEstimator
{
    private const double PriorWeight = 1.0;
    private const int MaxRejections = 64;

    private readonly double _low;
    private readonly double _high;
    private readonly double[] _mus;
    private readonly double[] _sigmas;
    private readonly double _logMass;

    /// <param name="values">Observed values, in the parameter's scale and inside [low, high].</param>
    public ParzenEstimator(IEnumerable<double> values, double low, double high)
    {
        _low = low;
        _high = high;
        double priorMu = (low + high) / 2;
        double priorSigma = high - low;
        var points = values.Append(priorMu).Order().ToArray();
        int prior = Array.IndexOf(points, priorMu);
        _mus = points;
        _sigmas = new double[points.Length];
        double minSigma = priorSigma / Math.Min(100.0, 1.0 + points.Length);
        for (int i = 0; i < points.Length; i++)
        {
            double left = i > 0 ? points[i] - points[i - 1] : points[i] - low;
            double right = i < points.Length - 1 ? points[i + 1] - points[i] : high - points[i];
            _sigmas[i] = Math.Clamp(Math.Max(left, right), minSigma, priorSigma);
        }

        _sigmas[prior] = priorSigma;

        // The share of the mixture inside [low, high]: densities are divided by it.
        _logMass = Math.Log(Enumerable.Range(0, _mus.Length)
            .Sum(i => Weight(i) * (GaussianMath.Cdf(high, _mus[i], _sigmas[i]) - GaussianMath.Cdf(low, _mus[i], _sigmas[i]))));
    }

    /// <summary>The log density at <paramref name="x"/>.</summary>
    public double LogDensity(double x) =>
        GaussianMath.LogSumExp(Enumerable.Range(0, _mus.Length).Select(i => Math.Log(Weight(i)) + GaussianMath.LogPdf(x, _mus[i], _sigmas[i])))
        - _logMass;

    /// <summary>The log probability of [<paramref name="from"/>, <paramref name="to"/>]: an integer's share when the scale is quantized.</summary>
    public double LogProbability(double from, double to)
    {
        from = Math.Max(from, _low);
        to = Math.Min(to, _high);
        double mass = Enumerable.Range(0, _mus.Length)
            .Sum(i => Weight(i) * (GaussianMath.Cdf(to, _mus[i], _sigmas[i]) - GaussianMath.Cdf(from, _mus[i], _sigmas[i])));
        return mass > 0 ? Math.Log(mass) - _logMass : double.NegativeInfinity;
    }

    /// <summary>A draw: pick a Gaussian by weight, then draw from it until the value falls in range.</summary>
    public double Sample(Random random)
    {
        int component = random.Next(_mus.Length);
        for (int attempt = 0; attempt < MaxRejections; attempt++)
        {
            double x = _mus[component] + (_sigmas[component] * GaussianMath.StandardNormal(random));
            if (x >= _low && x <= _high)
            {
                return x;
            }
        }

        return Math.Clamp(_mus[component], _low, _high);
    }

    // Equal weights (the prior's is the same as an observation's), normalized.
    private double Weight(int i) => PriorWeight / _mus.Length;
}
