namespace HyperSearch.Search;

/// <summary>
/// TPE's density over a group of parameters (Bergstra et al. 2011; Optuna's Parzen estimator):
/// one kernel per observed configuration plus one prior kernel, weighted. Over a range a kernel is
/// a Gaussian truncated to the range (quantized for an int); over a choice it puts most of its mass
/// on the observed option and spreads a little over the others, so every option stays drawable.
/// The prior kernel is the uniform-ish one: a Gaussian centred on the range as wide as the range,
/// and equal odds for every option.
/// <para>Bandwidths. Independent (one parameter): each Gaussian is as wide as the larger gap to its
/// neighbours (the prior included, the range's ends not), kept between range / min(100, 1 + kernels)
/// and the range (hyperopt's "magic clip"). Multivariate: Scott's rule, 0.2 · n^(-1/(d+4)) of the
/// range in every dimension, with the same clip.</para>
/// </summary>
internal sealed class ParzenMixture
{
    private const double PriorWeight = 1.0;
    private const double ScottFactor = 0.2;
    private const int MaxRejections = 64;

    private readonly TpeDimension[] _dimensions;
    private readonly double[] _logWeights;
    private readonly double[] _cumulative;
    private readonly double[][] _mus;          // [kernel][dimension]: centre (numeric dimensions)
    private readonly double[][] _sigmas;       // [kernel][dimension]
    private readonly double[][] _logMass;      // [kernel][dimension]: log of the truncated Gaussian's mass in range
    private readonly double[][][] _logOdds;    // [kernel][dimension][option]: choice dimensions
    private readonly bool _bandwidthUnits;

    /// <param name="points">Each observed configuration's position per dimension, with its weight.</param>
    /// <param name="bandwidthUnits">
    /// Score a continuous kernel's density in units of its own bandwidth (without the 1/σ factor), as
    /// Optuna 3.1's TPE does: a wide kernel (the prior, a lone trial) then weighs as much at its centre
    /// as a narrow one, which keeps l(x)/g(x) from chasing the narrow kernels of dense clusters.
    /// </param>
    public ParzenMixture(TpeDimension[] dimensions, IReadOnlyList<(double[] Position, double Weight)> points, bool multivariate, bool bandwidthUnits = false)
    {
        _dimensions = dimensions;
        _bandwidthUnits = bandwidthUnits;
        int kernels = points.Count + 1;
        int prior = points.Count;
        var weights = points.Select(p => p.Weight).Append(PriorWeight).ToArray();
        double total = weights.Sum();
        _logWeights = weights.Select(w => Math.Log(w / total)).ToArray();
        _cumulative = new double[kernels];
        double running = 0;
        for (int k = 0; k < kernels; k++)
        {
            running += weights[k] / total;
            _cumulative[k] = running;
        }

        _mus = new double[kernels][];
        _sigmas = new double[kernels][];
        _logMass = new double[kernels][];
        _logOdds = new double[kernels][][];
        for (int k = 0; k < kernels; k++)
        {
            _mus[k] = new double[dimensions.Length];
            _sigmas[k] = new double[dimensions.Length];
            _logMass[k] = new double[dimensions.Length];
            _logOdds[k] = new double[dimensions.Length][];
        }

        for (int d = 0; d < dimensions.Length; d++)
        {
            var dimension = dimensions[d];
            if (dimension.IsChoice)
            {
                FitChoice(d, dimension, points, prior);
            }
            else
            {
                var positions = points.Select(p => p.Position[d]).ToArray();
                var sigmas = multivariate
                    ? ScottBandwidths(dimension, positions.Length, dimensions.Length)
                    : NeighbourBandwidths(dimension, positions);
                for (int k = 0; k < kernels; k++)
                {
                    bool isPrior = k == prior;
                    _mus[k][d] = isPrior ? (dimension.Low + dimension.High) / 2 : positions[k];
                    _sigmas[k][d] = isPrior ? dimension.Width : sigmas[k];
                    _logMass[k][d] = Math.Log(Math.Max(1e-300,
                        GaussianMath.Cdf(dimension.High, _mus[k][d], _sigmas[k][d]) - GaussianMath.Cdf(dimension.Low, _mus[k][d], _sigmas[k][d])));
                }
            }
        }
    }

    /// <summary>The log density (log probability for quantized and choice dimensions) at <paramref name="position"/>.</summary>
    public double LogDensity(double[] position)
    {
        var terms = new double[_logWeights.Length];
        for (int k = 0; k < terms.Length; k++)
        {
            double sum = _logWeights[k];
            for (int d = 0; d < _dimensions.Length; d++)
            {
                sum += KernelLogDensity(k, d, position[d]);
            }

            terms[k] = sum;
        }

        return GaussianMath.LogSumExp(terms);
    }

    /// <summary>A draw: a kernel by weight, then each dimension from that kernel.</summary>
    public double[] Sample(Random random)
    {
        double u = random.NextDouble();
        int k = Array.FindIndex(_cumulative, c => u < c);
        if (k < 0)
        {
            k = _cumulative.Length - 1;
        }

        var position = new double[_dimensions.Length];
        for (int d = 0; d < _dimensions.Length; d++)
        {
            var dimension = _dimensions[d];
            position[d] = dimension.IsChoice ? SampleOption(_logOdds[k][d], random) : SampleRange(dimension, _mus[k][d], _sigmas[k][d], random);
        }

        return position;
    }

    private double KernelLogDensity(int k, int d, double x)
    {
        var dimension = _dimensions[d];
        if (dimension.IsChoice)
        {
            return _logOdds[k][d][(int)x];
        }

        double mu = _mus[k][d];
        double sigma = _sigmas[k][d];
        if (dimension.IsQuantized)
        {
            double from = Math.Max(x - 0.5, dimension.Low);
            double to = Math.Min(x + 0.5, dimension.High);
            double mass = GaussianMath.Cdf(to, mu, sigma) - GaussianMath.Cdf(from, mu, sigma);
            return Math.Log(Math.Max(mass, 1e-300)) - _logMass[k][d];
        }

        return GaussianMath.LogPdf(x, mu, sigma) + (_bandwidthUnits ? Math.Log(sigma) : 0) - _logMass[k][d];
    }

    private void FitChoice(int d, TpeDimension dimension, IReadOnlyList<(double[] Position, double Weight)> points, int prior)
    {
        int options = dimension.Options;
        int kernels = points.Count + 1;

        // An observation's kernel: 1 on its option plus prior / kernels on every option (Optuna's
        // rule), so the more evidence there is, the more each kernel trusts its own option.
        double spread = PriorWeight / kernels;
        for (int k = 0; k < kernels; k++)
        {
            var odds = Enumerable.Repeat(spread, options).ToArray();
            if (k != prior)
            {
                odds[(int)points[k].Position[d]] += 1.0;
            }

            double sum = odds.Sum();
            _logOdds[k][d] = odds.Select(o => Math.Log(o / sum)).ToArray();
        }
    }

    private static double[] NeighbourBandwidths(TpeDimension dimension, double[] positions)
    {
        double priorMu = (dimension.Low + dimension.High) / 2;
        var all = positions.Append(priorMu).ToArray();
        var order = Enumerable.Range(0, all.Length).OrderBy(i => all[i]).ThenBy(i => i).ToArray();
        var sigmas = new double[all.Length];
        double minSigma = dimension.Width / Math.Min(100.0, 1.0 + all.Length);
        for (int r = 0; r < order.Length; r++)
        {
            double left = r > 0 ? all[order[r]] - all[order[r - 1]] : double.NaN;
            double right = r < order.Length - 1 ? all[order[r + 1]] - all[order[r]] : double.NaN;
            double gap = double.IsNaN(left) ? right : double.IsNaN(right) ? left : Math.Max(left, right);
            sigmas[order[r]] = Math.Clamp(double.IsNaN(gap) ? dimension.Width : gap, minSigma, dimension.Width);
        }

        return sigmas;
    }

    private static double[] ScottBandwidths(TpeDimension dimension, int points, int dimensions)
    {
        double minSigma = dimension.Width / Math.Min(100.0, 2.0 + points);
        double sigma = ScottFactor * Math.Pow(Math.Max(points, 1), -1.0 / (dimensions + 4)) * dimension.Width;
        return Enumerable.Repeat(Math.Clamp(sigma, minSigma, dimension.Width), points + 1).ToArray();
    }

    private static double SampleRange(TpeDimension dimension, double mu, double sigma, Random random)
    {
        for (int attempt = 0; attempt < MaxRejections; attempt++)
        {
            double x = mu + (sigma * GaussianMath.StandardNormal(random));
            if (x >= dimension.Low && x <= dimension.High)
            {
                return dimension.IsQuantized ? Math.Clamp(Math.Round(x), dimension.Low + 0.5, dimension.High - 0.5) : x;
            }
        }

        double clamped = Math.Clamp(mu, dimension.Low, dimension.High);
        return dimension.IsQuantized ? Math.Clamp(Math.Round(clamped), dimension.Low + 0.5, dimension.High - 0.5) : clamped;
    }

    private static int SampleOption(double[] logOdds, Random random)
    {
        double u = random.NextDouble();
        for (int i = 0; i < logOdds.Length - 1; i++)
        {
            u -= Math.Exp(logOdds[i]);
            if (u < 0)
            {
                return i;
            }
        }

        return logOdds.Length - 1;
    }
}
