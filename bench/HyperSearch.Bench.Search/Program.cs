using System.Globalization;
using System.Text.Json;
using HyperSearch.Bench.Search;

// hypersearch-bench-search [--functions a,b] [--strategies a,b] [--seeds N] [--trials N] [--parallel 1,4] [--warm-start PRIOR]
// Writes one JSON line per run to stdout: tool, strategy, function, seed, parallel, regret after each evaluation.
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
string[] List(string key, string fallback) => (options.TryGetValue(key, out var v) ? v : fallback).Split(',', StringSplitOptions.RemoveEmptyEntries);

var functions = TestFunctions.All.Where(f => !options.ContainsKey("functions") || List("functions", "").Contains(f.Name)).ToList();
var strategies = List("strategies", "random,tpe");
int seeds = int.Parse(options.GetValueOrDefault("seeds", "20"), CultureInfo.InvariantCulture);
int trials = int.Parse(options.GetValueOrDefault("trials", "100"), CultureInfo.InvariantCulture);
var parallels = List("parallel", "1,4").Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
if (options.TryGetValue("warm-start", out var prior))
{
    // hypersearch-bench-search --warm-start PRIOR [--seeds N] [--trials N]: a markdown table (WarmStartBench).
    Console.Write(WarmStartBench.Table(functions, seeds, trials, int.Parse(prior, CultureInfo.InvariantCulture)));
    return 0;
}

foreach (string strategy in strategies)
{
    if (!BenchStrategies.All.TryGetValue(strategy, out var create))
    {
        Console.Error.WriteLine($"unknown strategy {strategy} (known: {string.Join(", ", BenchStrategies.All.Keys)})");
        return 2;
    }

    foreach (var function in functions)
    {
        foreach (int parallel in parallels)
        {
            var started = DateTime.UtcNow;
            // Seeds run side by side (each search is single-threaded); lines are written in seed order.
            var lines = new string[seeds];
            Parallel.For(0, seeds, seed =>
            {
                double[] regret = SearchRun.Regrets(function, create(function.Space, seed), trials, parallel);
                lines[seed] = JsonSerializer.Serialize(new
                {
                    tool = "hypersearch", strategy, function = function.Name, seed, parallel,
                    regret = regret.Select(r => Math.Round(r, 9)),
                });
            });
            foreach (string line in lines)
            {
                Console.WriteLine(line);
            }

            Console.Error.WriteLine($"hypersearch {strategy} {function.Name} x{parallel}: {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        }
    }
}

return 0;
