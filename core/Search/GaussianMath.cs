namespace HyperSearch.Search;

/// <summary>The normal distribution's density, distribution function and sampler, for TPE's Parzen estimators.</summary>
internal static class GaussianMath
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    public static double LogPdf(double x, double mu, double sigma)
    {
        double z = (x - mu) / sigma;
        return (-0.5 * z * z) - Math.Log(sigma) - LogSqrtTwoPi;
    }

    /// <summary>
    /// E[max(f - best, 0)] for f ~ N(<paramref name="mean"/>, <paramref name="std"/>²): how much a
    /// point is expected to improve on <paramref name="best"/> (larger is better).
    /// </summary>
    public static double ExpectedImprovement(double mean, double std, double best)
    {
        if (std <= 0)
        {
            return Math.Max(mean - best, 0);
        }

        double z = (mean - best) / std;
        return ((mean - best) * Cdf(z, 0, 1)) + (std * Math.Exp(LogPdf(z, 0, 1)));
    }

    /// <summary>P(X &lt;= x) for X ~ N(mu, sigma²).</summary>
    public static double Cdf(double x, double mu, double sigma) => 0.5 * Erfc(-(x - mu) / (sigma * Math.Sqrt(2)));

    /// <summary>A standard normal draw (Box-Muller), from one seeded stream.</summary>
    public static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(); // in (0, 1]: the log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// The complementary error function by a Chebyshev fit (Numerical Recipes' erfcc; relative
    /// error below 1.2e-7 everywhere), as .NET has no Math.Erf.
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        double result = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? result : 2.0 - result;
    }

    /// <summary>log(sum(exp(terms))) without overflow.</summary>
    public static double LogSumExp(IEnumerable<double> terms)
    {
        var list = terms as IReadOnlyList<double> ?? terms.ToList();
        double max = list.Count == 0 ? double.NegativeInfinity : list.Max();
        if (double.IsNegativeInfinity(max))
        {
            return double.NegativeInfinity;
        }

        return max + Math.Log(list.Sum(t => Math.Exp(t - max)));
    }
}
