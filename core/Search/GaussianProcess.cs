using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HyperSearch.Search;

/// <summary>
/// A Gaussian-process regression of standardised objectives over the unit cube: a Matérn 5/2
/// kernel with one length scale per coordinate (ARD), a signal variance and a noise variance,
/// fitted by maximising the log marginal likelihood (BFGS on its analytic gradient) with
/// log-normal priors that keep the scales sensible when there are few points and favour smooth
/// fits. Math.NET Numerics does the linear algebra (Cholesky).
/// </summary>
internal sealed class GaussianProcess
{
    private static readonly double Sqrt5 = Math.Sqrt(5);

    // The length-scale prior leans towards smooth fits: a log-normal around 2 unit cubes (sd 1 in
    // log). A fit free to pick short scales (the former prior, around 0.5 with sd 1.5) chased the
    // regular bumps of Levy's surface and then explored almost at random: median regret at 60
    // trials 6.5 before, 2.7 after (20 seeds, bench/search.sh). The price is paid on Styblinski-Tang,
    // whose few wide basins short scales suited (67 before, 91 after); a prior around 3 cost it
    // more (100) and one around 2.5 gained nothing elsewhere.
    private static readonly double LogLengthScalePrior = Math.Log(2.0);
    private const double LogLengthScalePriorSd = 1.0;

    private readonly double[][] _rows;
    private readonly double[] _inverseLengths;
    private readonly double[] _lengths;
    private readonly double _signal;
    private readonly MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> _cholesky;
    private readonly Vector<double> _alpha;

    private GaussianProcess(Matrix<double> x, double[] theta, Vector<double> y)
    {
        _rows = x.ToRowArrays();
        int d = x.ColumnCount;
        _lengths = theta.Take(d).Select(Math.Exp).ToArray();
        _inverseLengths = _lengths.Select(l => 1 / l).ToArray();
        _signal = Math.Exp(theta[d]);
        var k = Covariance(x, _lengths, _signal, Math.Exp(theta[d + 1]));
        _cholesky = k.Cholesky();
        _alpha = _cholesky.Solve(y);
    }


    /// <summary>
    /// The hyperparameters (log length scales, log signal variance, log noise variance) that
    /// maximise the marginal likelihood of <paramref name="y"/> at <paramref name="points"/>, from
    /// one length scale of half the cube in every coordinate.
    /// </summary>
    public static double[] FitHyperparameters(IReadOnlyList<double[]> points, double[] y)
    {
        int d = points[0].Length;
        var start = Enumerable.Repeat(Math.Log(0.5), d).Append(0.0).Append(Math.Log(1e-4)).ToArray();
        return Minimise(Matrix<double>.Build.DenseOfRowArrays(points), Vector<double>.Build.DenseOfArray(y), start).Theta;
    }

    /// <summary>The process with given hyperparameters conditioned on <paramref name="points"/> (no fitting).</summary>
    public static GaussianProcess Condition(IReadOnlyList<double[]> points, double[] y, double[] theta) =>
        new(Matrix<double>.Build.DenseOfRowArrays(points), theta, Vector<double>.Build.DenseOfArray(y));

    /// <summary>The posterior mean and standard deviation at <paramref name="point"/>.</summary>
    public (double Mean, double Std) Predict(double[] point)
    {
        int n = _rows.Length;
        var k = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            var row = _rows[i];
            for (int c = 0; c < row.Length; c++)
            {
                double delta = (row[c] - point[c]) * _inverseLengths[c];
                sum += delta * delta;
            }

            k[i] = Matern(Math.Sqrt(sum), _signal);
        }

        double mean = k.DotProduct(_alpha);
        // v = L⁻¹k by forward substitution: the variance the data explain.
        var factor = _cholesky.Factor;
        var v = new double[n];
        double explained = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = k[i];
            for (int j = 0; j < i; j++)
            {
                sum -= factor.At(i, j) * v[j];
            }

            v[i] = sum / factor.At(i, i);
            explained += v[i] * v[i];
        }

        double variance = Math.Max(_signal - explained, 1e-12);
        return (mean, Math.Sqrt(variance));
    }

    private static (double[] Theta, double Value) Minimise(Matrix<double> x, Vector<double> y, double[] start)
    {
        var squares = SquaredDifferences(x);
        var objective = ObjectiveFunction.Gradient(theta =>
        {
            var (value, gradient) = NegativeLogPosterior(squares, y, theta.ToArray());
            return (value, Vector<double>.Build.DenseOfArray(gradient));
        });
        try
        {
            var result = new BfgsMinimizer(1e-4, 1e-5, 1e-6, 30).FindMinimum(objective, Vector<double>.Build.DenseOfArray(start));
            var theta = result.MinimizingPoint.ToArray();
            double value = result.FunctionInfoAtMinimum.Value;
            return double.IsFinite(value) ? (Clamp(theta), value) : (start, NegativeLogPosterior(squares, y, start).Value);
        }
        catch (Exception e) when (e is MaximumIterationsException or ArgumentException or InvalidOperationException or OptimizationException)
        {
            // A line search that failed still leaves the start: a usable, if unfitted, model.
            return (start, NegativeLogPosterior(squares, y, start).Value);
        }
    }

    // Log length scales in [-4.6, 2.3] (0.01 to 10 of the unit cube), log noise variance in [-14, 0].
    private static double[] Clamp(double[] theta)
    {
        int d = theta.Length - 2;
        return theta.Select((t, i) => i < d ? Math.Clamp(t, -4.6, 2.3) : i == d ? Math.Clamp(t, -5, 5) : Math.Clamp(t, -14, 0)).ToArray();
    }

    /// <summary>(x_i,c - x_j,c)² for every coordinate c and pair i, j: all the fit needs of the points.</summary>
    private static double[][,] SquaredDifferences(Matrix<double> x)
    {
        int n = x.RowCount;
        var rows = x.ToRowArrays();
        var squares = new double[x.ColumnCount][,];
        for (int c = 0; c < squares.Length; c++)
        {
            var square = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double delta = rows[i][c] - rows[j][c];
                    square[i, j] = delta * delta;
                }
            }

            squares[c] = square;
        }

        return squares;
    }

    /// <summary>-log p(y | θ) - log p(θ) and its gradient in θ.</summary>
    private static (double Value, double[] Gradient) NegativeLogPosterior(double[][,] squares, Vector<double> y, double[] rawTheta)
    {
        var theta = Clamp(rawTheta);
        int n = y.Count;
        int d = squares.Length;
        var inverseLengths2 = theta.Take(d).Select(t => Math.Exp(-2 * t)).ToArray();
        double signal = Math.Exp(theta[d]);
        double noise = Math.Exp(theta[d + 1]);
        var r = new double[n, n];
        var k = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int c = 0; c < d; c++)
                {
                    sum += squares[c][i, j] * inverseLengths2[c];
                }

                r[i, j] = Math.Sqrt(sum);
                k.At(i, j, Matern(r[i, j], signal) + (i == j ? noise + 1e-8 : 0));
            }
        }

        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
        try
        {
            cholesky = k.Cholesky();
        }
        catch (ArgumentException)
        {
            return (1e10, new double[d + 2]);
        }

        var alpha = cholesky.Solve(y);
        double value = (0.5 * y.DotProduct(alpha)) + (0.5 * cholesky.DeterminantLn) + (0.5 * n * Math.Log(2 * Math.PI));

        // d(-LML)/dθ = -½ tr((ααᵀ - K⁻¹) dK/dθ)
        var inverse = cholesky.Solve(Matrix<double>.Build.DenseIdentity(n));
        var gradient = new double[d + 2];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double w = (alpha[i] * alpha[j]) - inverse.At(i, j);
                double rij = r[i, j];
                gradient[d] -= 0.5 * w * Matern(rij, signal);
                double common = 0.5 * w * signal * (5.0 / 3.0) * (1 + (Sqrt5 * rij)) * Math.Exp(-Sqrt5 * rij);
                for (int c = 0; c < d; c++)
                {
                    gradient[c] -= common * squares[c][i, j] * inverseLengths2[c];
                }
            }

            gradient[d + 1] -= 0.5 * ((alpha[i] * alpha[i]) - inverse.At(i, i)) * noise;
        }

        // Priors: length scales log-normal around 2 unit cubes (sd 1 in log), signal variance
        // around 1, noise around 1e-4.
        for (int c = 0; c < d; c++)
        {
            double z = (theta[c] - LogLengthScalePrior) / LogLengthScalePriorSd;
            value += 0.5 * z * z;
            gradient[c] += z / LogLengthScalePriorSd;
        }

        value += 0.5 * theta[d] * theta[d] / 4;
        gradient[d] += theta[d] / 4;
        double zn = (theta[d + 1] - Math.Log(1e-4)) / 3;
        value += 0.5 * zn * zn;
        gradient[d + 1] += zn / 3;
        return (value, gradient);
    }

    private static Matrix<double> Covariance(Matrix<double> x, double[] lengths, double signal, double noise)
    {
        int n = x.RowCount;
        var k = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
        {
            k[i, i] = signal + noise + 1e-8;
            for (int j = 0; j < i; j++)
            {
                double value = Matern(Distance(x, i, x, j, lengths), signal);
                k[i, j] = value;
                k[j, i] = value;
            }
        }

        return k;
    }

    private static double Matern(double r, double signal) => signal * (1 + (Sqrt5 * r) + (5.0 / 3.0 * r * r)) * Math.Exp(-Sqrt5 * r);

    private static double Distance(Matrix<double> a, int i, Matrix<double> b, int j, double[] lengths)
    {
        double sum = 0;
        for (int c = 0; c < lengths.Length; c++)
        {
            double delta = (a[i, c] - b[j, c]) / lengths[c];
            sum += delta * delta;
        }

        return Math.Sqrt(sum);
    }
}
