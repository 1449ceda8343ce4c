using System.Globalization;
using System.Text;
using HyperSearch.Search;

namespace HyperSearch.Bench.Search;

/// <summary>
/// What a warm start is worth (<c>bench/warm-start.sh</c>): per function and seed, a cold TPE
/// search of <c>trials</c> trials sets the target (its final best); a warm TPE search of the same
/// seed first observes an earlier, coarse search of the function (<c>prior</c> random trials, another
/// seed) through <see cref="PriorKnowledgeSearcher"/>, as <c>warm_start:</c> does, and the table
/// counts the trials of its own it needs to reach that target.
/// </summary>
public static class WarmStartBench
{
    public static string Table(IEnumerable<SearchFunction> functions, int seeds, int trials, int prior)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| function | cold TPE: trials to its final best (median) | warm TPE: trials to the cold final best (median) | warm reached it within {trials} (seeds) | prior alone already there (seeds) | regret @30 cold / warm | regret @{trials} cold / warm |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var function in functions)
        {
            var rows = new (int Cold, int Warm, bool Reached, bool PriorThere, double Cold30, double Warm30, double ColdEnd, double WarmEnd)[seeds];
            Parallel.For(0, seeds, seed =>
            {
                double[] cold = SearchRun.Regrets(function, new TpeSearcher(function.Space, seed, new TpeSettings()), trials, 1);
                double target = cold[^1];
                var earlier = Earlier(function, seed + 10_000, prior);
                double[] warm = SearchRun.Regrets(function, new PriorKnowledgeSearcher(new TpeSearcher(function.Space, seed, new TpeSettings()), true, [], earlier), trials, 1);
                int reach = Array.FindIndex(warm, r => r <= target + 1e-12);
                rows[seed] = (Array.FindIndex(cold, r => r <= target + 1e-12) + 1, reach < 0 ? trials + 1 : reach + 1, reach >= 0,
                    earlier.Min(o => -o.Objective!.Value) - function.Minimum <= target, cold[29], warm[29], cold[^1], warm[^1]);
            });
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {function.Name} | {Median(rows.Select(r => (double)r.Cold))} | {Median(rows.Select(r => (double)r.Warm))} | {rows.Count(r => r.Reached)}/{seeds} | {rows.Count(r => r.PriorThere)}/{seeds} | {N(Median(rows.Select(r => r.Cold30)))} / {N(Median(rows.Select(r => r.Warm30)))} | {N(Median(rows.Select(r => r.ColdEnd)))} / {N(Median(rows.Select(r => r.WarmEnd)))} |");
        }

        return table.ToString();
    }

    /// <summary>The earlier sweep: <paramref name="count"/> random trials of the function, objectives oriented so larger is better.</summary>
    private static List<TrialObservation> Earlier(SearchFunction function, int seed, int count)
    {
        var random = new RandomSearcher(function.Space, seed);
        return Enumerable.Range(0, count).Select(n =>
        {
            var parameters = random.Suggest(n, []).Parameters!;
            return new TrialObservation(n, parameters, -function.Evaluate(parameters), 1);
        }).ToList();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
