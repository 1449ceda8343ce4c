using System.Diagnostics;
using System.Text.Json.Nodes;
using HyperSearch.Sdk;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Bench.Trainer;

/// <summary>
/// What a command trial costs beyond its own work, measured around <see cref="CommandTrainer"/> as a
/// slot calls it: <em>start</em> is from <c>Train</c>'s call to the first report (the trial
/// directory and params.json, fork/exec through setpriv and setsid, the program's own start, its
/// first stdout line read and parsed); <em>stop</em> is from answering that report with Stop to
/// <c>Train</c>'s return (SIGTERM to the process group, the exit, reaping, the log file written).
/// </summary>
public static class CommandOverhead
{
    public static JsonObject Measure(string label, IReadOnlyList<string> command, int trials)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"hypersearch-bench-command-{Environment.ProcessId}");
        var trainer = new CommandTrainer(new CommandSettings(
            command,
            Environment.CurrentDirectory,
            new Dictionary<string, string>(),
            new TrainerSchema([], [MetricDefinition.Maximize("score")]) { AcceptsAnyParameter = true },
            Grace: TimeSpan.FromSeconds(10),
            ReportTimeout: TimeSpan.FromMinutes(1)));
        var start = new List<double>();
        var stop = new List<double>();
        for (var i = 0; i < trials + 1; i++)
        {
            var reporter = new StopAtFirstReport();
            var context = new TrialContext(
                $"bench/t{i}", new TrialParameters(new Dictionary<string, object>()), 1, Seed: i, "cpu",
                Path.Combine(directory, $"t{i}"), "score", Data: null, CancellationToken.None);
            var result = trainer.Train(context, reporter);
            var total = reporter.Clock.Elapsed.TotalMilliseconds;
            if (result.End != TrialEnd.Stopped || reporter.FirstReportMs is not { } first)
            {
                throw new InvalidOperationException($"{label}: trial {i} ended {result.End}, not stopped at its first report");
            }

            if (i > 0)
            {
                // The first trial warms up the JIT and the page cache; it is not counted.
                start.Add(first);
                stop.Add(total - first);
            }
        }

        Directory.Delete(directory, recursive: true);
        return new JsonObject
        {
            ["command"] = label,
            ["trials"] = trials,
            ["startMedianMs"] = Math.Round(Median(start), 1),
            ["startP90Ms"] = Math.Round(Percentile(start, 0.9), 1),
            ["stopMedianMs"] = Math.Round(Median(stop), 1),
            ["stopP90Ms"] = Math.Round(Percentile(stop, 0.9), 1),
        };
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private sealed class StopAtFirstReport : IEpochReporter
    {
        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public double? FirstReportMs { get; private set; }

        public TrialDirective Report(EpochResult epoch)
        {
            FirstReportMs ??= Clock.Elapsed.TotalMilliseconds;
            return TrialDirective.Stop;
        }
    }
}
