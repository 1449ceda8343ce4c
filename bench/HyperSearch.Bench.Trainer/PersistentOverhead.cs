using System.Diagnostics;
using System.Text.Json.Nodes;
using HyperSearch.Sdk;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Bench.Trainer;

/// <summary>
/// What a trial costs on a persistent worker (<c>persistent: true</c>) beyond its own work, measured
/// around <see cref="PersistentCommandTrainer"/> as a slot calls it, one worker for all trials:
/// <em>dispatch</em> is from <c>Train</c>'s call to the first report read, less the script's own
/// time (the trial directory and params.json, the assignment written, read and parsed by the
/// hypersearch module, the report written, read and parsed); <em>finish</em> is from that report's
/// answer to <c>Train</c>'s return (the end line, the log file).
/// </summary>
public static class PersistentOverhead
{
    public static JsonObject Measure(string python, int trials)
    {
        var root = RepositoryRoot();
        var directory = Path.Combine(Path.GetTempPath(), $"hypersearch-bench-persistent-{Environment.ProcessId}");
        var settings = new CommandSettings(
            [python, Path.Combine(root, "bench", "command-overhead", "worker.py")],
            Environment.CurrentDirectory,
            new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(root, "python") },
            new TrainerSchema([], [MetricDefinition.Maximize("score")]) { AcceptsAnyParameter = true },
            Grace: TimeSpan.FromSeconds(10),
            ReportTimeout: TimeSpan.FromMinutes(1))
        { Persistent = true };
        var dispatch = new List<double>();
        var finish = new List<double>();
        using var workers = new CommandWorkers();
        var trainer = new PersistentCommandTrainer(settings, workers);
        for (var i = 0; i < trials + 1; i++)
        {
            var reporter = new FirstReport();
            var context = new TrialContext(
                $"bench/t{i}", new TrialParameters(new Dictionary<string, object> { ["x"] = i }), 1, Seed: i, "cpu",
                Path.Combine(directory, $"t{i}"), "score", Data: null, CancellationToken.None);
            var result = trainer.Train(context, reporter);
            var total = reporter.Clock.Elapsed.TotalMilliseconds;
            if (result.End != TrialEnd.Completed || reporter.FirstReportMs is not { } first)
            {
                throw new InvalidOperationException($"persistent: trial {i} ended {result.End} with {result.EpochsTrained} epochs");
            }

            if (i > 0)
            {
                // The first trial starts the worker (and warms the JIT): not counted.
                dispatch.Add(first - reporter.WorkMs);
                finish.Add(total - first);
            }
        }

        Directory.Delete(directory, recursive: true);
        return new JsonObject
        {
            ["command"] = $"{python} (persistent worker)",
            ["trials"] = trials,
            ["dispatchMedianMs"] = Math.Round(Percentile(dispatch, 0.5), 2),
            ["dispatchP90Ms"] = Math.Round(Percentile(dispatch, 0.9), 2),
            ["finishMedianMs"] = Math.Round(Percentile(finish, 0.5), 2),
            ["finishP90Ms"] = Math.Round(Percentile(finish, 0.9), 2),
        };
    }

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperSearch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no HyperSearch.sln above {AppContext.BaseDirectory}");
    }

    private sealed class FirstReport : IEpochReporter
    {
        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public double? FirstReportMs { get; private set; }

        /// <summary>The script's own time before its report, as it reported it.</summary>
        public double WorkMs { get; private set; }

        public TrialDirective Report(EpochResult epoch)
        {
            FirstReportMs ??= Clock.Elapsed.TotalMilliseconds;
            WorkMs = epoch.Metrics.GetValueOrDefault("work_ms");
            return TrialDirective.Continue;
        }
    }
}
