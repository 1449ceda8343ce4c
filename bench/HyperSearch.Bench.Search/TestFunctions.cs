using HyperSearch.Spec;

namespace HyperSearch.Bench.Search;

/// <summary>
/// The benchmark's functions, the same as bench/search-compare/functions.py declares for Optuna:
/// the classic ones from the optimisation literature (Surjanovic and Bingham's library gives their
/// domains and minima) and one mixed space shaped like a network's hyperparameters.
/// </summary>
public static class TestFunctions
{
    public static IReadOnlyList<SearchFunction> All { get; } =
    [
        Branin(), Rosenbrock(4), Ackley(5), Levy(6), StyblinskiTang(8), MixedNetwork(),
    ];

    /// <summary>2-d, three global minima of 0.397887.</summary>
    public static SearchFunction Branin() => new(
        "branin",
        [Uniform("x0", -5, 10), Uniform("x1", 0, 15)],
        p =>
        {
            double x1 = p["x0"].Number, x2 = p["x1"].Number;
            double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
            return Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
        },
        0.397887357729739);

    /// <summary>Rosenbrock's valley with log-scaled inputs in [0.01, 10] (minimum 0 at all ones), as a learning rate is searched.</summary>
    public static SearchFunction Rosenbrock(int d) => new(
        $"rosenbrock{d}",
        Enumerable.Range(0, d).Select(i => LogUniform($"x{i}", 0.01, 10)).ToArray(),
        p =>
        {
            var x = Vector(p, d);
            double sum = 0;
            for (int i = 0; i < d - 1; i++)
            {
                sum += (100 * Math.Pow(x[i + 1] - (x[i] * x[i]), 2)) + Math.Pow(1 - x[i], 2);
            }

            return sum;
        },
        0);

    /// <summary>Ackley on [-32.768, 32.768]^d, minimum 0 at the origin.</summary>
    public static SearchFunction Ackley(int d) => new(
        $"ackley{d}",
        Enumerable.Range(0, d).Select(i => Uniform($"x{i}", -32.768, 32.768)).ToArray(),
        p =>
        {
            var x = Vector(p, d);
            double squares = x.Sum(v => v * v) / d;
            double cosines = x.Sum(v => Math.Cos(2 * Math.PI * v)) / d;
            return (-20 * Math.Exp(-0.2 * Math.Sqrt(squares))) - Math.Exp(cosines) + 20 + Math.E;
        },
        0);

    /// <summary>Levy on [-10, 10]^d, minimum 0 at all ones.</summary>
    public static SearchFunction Levy(int d) => new(
        $"levy{d}",
        Enumerable.Range(0, d).Select(i => Uniform($"x{i}", -10, 10)).ToArray(),
        p =>
        {
            var w = Vector(p, d).Select(v => 1 + ((v - 1) / 4)).ToArray();
            double sum = Math.Pow(Math.Sin(Math.PI * w[0]), 2);
            for (int i = 0; i < d - 1; i++)
            {
                sum += Math.Pow(w[i] - 1, 2) * (1 + (10 * Math.Pow(Math.Sin((Math.PI * w[i]) + 1), 2)));
            }

            return sum + (Math.Pow(w[d - 1] - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * w[d - 1]), 2)));
        },
        0);

    /// <summary>Styblinski-Tang on [-5, 5]^d, minimum -39.16617 d at -2.903534 in every coordinate.</summary>
    public static SearchFunction StyblinskiTang(int d) => new(
        $"styblinski{d}",
        Enumerable.Range(0, d).Select(i => Uniform($"x{i}", -5, 5)).ToArray(),
        p => 0.5 * Vector(p, d).Sum(x => Math.Pow(x, 4) - (16 * x * x) + (5 * x)),
        -39.16616570377142 * d);

    /// <summary>
    /// A validation error shaped like a small network's: the optimizer decides the floor (adam's is
    /// lowest) and where the best learning rate lies; momentum only exists for the momentum
    /// optimizer; log-scale weight decay, integer depth and width, and dropout. Minimum 0.1.
    /// </summary>
    public static SearchFunction MixedNetwork() => new(
        "mixed7",
        [
            new ParameterSpec("optimizer", DistributionKind.Choice, 0, 0, [ParamValue.Of("sgd"), ParamValue.Of("momentum"), ParamValue.Of("adam")], []),
            LogUniform("lr", 1e-5, 1),
            new ParameterSpec("momentum", DistributionKind.Uniform, 0.5, 0.99, [], [new ParameterCondition("optimizer", [ParamValue.Of("momentum")])]),
            LogUniform("weight_decay", 1e-6, 1e-1),
            new ParameterSpec("layers", DistributionKind.Int, 1, 6, [], []),
            new ParameterSpec("width", DistributionKind.Int, 16, 1024, [], []),
            Uniform("dropout", 0, 0.6),
        ],
        p =>
        {
            string optimizer = p["optimizer"].Text!;
            double logLr = Math.Log10(p["lr"].Number);
            double loss = optimizer switch
            {
                "sgd" => 0.30 + (0.08 * Math.Pow(logLr + 1, 2)),
                "momentum" => 0.20 + (0.08 * Math.Pow(logLr + 1.5 + Math.Log10(10 * (1 - p["momentum"].Number)), 2)) + (2 * Math.Pow(p["momentum"].Number - 0.9, 2)),
                _ => 0.10 + (0.08 * Math.Pow(logLr + 3, 2)),
            };
            loss += 0.02 * Math.Pow(Math.Log10(p["weight_decay"].Number) + 4, 2);
            loss += 0.01 * Math.Pow(p["layers"].Number - 3, 2);
            loss += 0.02 * Math.Pow(Math.Log2(p["width"].Number) - 8, 2);
            loss += 0.2 * Math.Pow(p["dropout"].Number - 0.2, 2);
            return loss;
        },
        0.1);

    private static ParameterSpec Uniform(string name, double low, double high) => new(name, DistributionKind.Uniform, low, high, [], []);

    private static ParameterSpec LogUniform(string name, double low, double high) => new(name, DistributionKind.LogUniform, low, high, [], []);

    private static double[] Vector(IReadOnlyDictionary<string, ParamValue> p, int d) => Enumerable.Range(0, d).Select(i => p[$"x{i}"].Number).ToArray();
}
