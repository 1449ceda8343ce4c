using System.Globalization;

namespace HyperSearch.Bench.Orchestration;

/// <summary>The benchmark's shape; the defaults fit 15 minutes on 2 cores, <c>--quick</c> a smoke run of about a minute.</summary>
public sealed class BenchOptions
{
    public static readonly string[] AllScenarios = ["overhead", "throughput", "cluster", "reports", "utilization", "scale", "burst"];

    /// <summary>Scenarios run only when named (--only): explorer-page needs Debian's chromium, memory a silo process of its own.</summary>
    public static readonly string[] ExtraScenarios = ["explorer-page", "memory"];

    public HashSet<string> Scenarios { get; private set; } = [.. AllScenarios];

    /// <summary>Keep the explorer open on each measured sweep, in a real browser (--explorer): what a UI costs the sweep.</summary>
    public bool Explorer { get; private set; }

    /// <summary>Trials of the explorer-page scenario's sweep.</summary>
    public int ExplorerTrials { get; private set; } = 10_000;

    public string Output { get; private set; } = Path.Combine("bench", "results", "orchestration.json");

    public int OverheadTrials { get; private set; } = 2000;

    public int OverheadSlots { get; private set; } = 16;

    public int ThroughputTrials { get; private set; } = 5000;

    public int ThroughputSlots { get; private set; } = 16;

    public int ReportTrials { get; private set; } = 200;

    public int ReportEpochs { get; private set; } = 50;

    public int UtilizationTrials { get; private set; } = 1600;

    public TimeSpan UtilizationEpoch { get; private set; } = TimeSpan.FromMilliseconds(100);

    public int[] ScaleSlots { get; private set; } = [100, 300, 1000];

    public int ScaleTrialsPerSlot { get; private set; } = 20;

    public TimeSpan ScaleEpoch { get; private set; } = TimeSpan.FromSeconds(4);

    /// <summary>Spread of the scale runs' trial lengths (±50%): trials end at different times, as real ones do.</summary>
    public double ScaleJitter { get; private set; } = 0.5;

    /// <summary>The worst case: this many slots whose equal trials all end at once, again and again.</summary>
    public int BurstSlots { get; private set; } = 1000;

    public int BurstTrialsPerSlot { get; private set; } = 5;

    public TimeSpan BurstEpoch { get; private set; } = TimeSpan.FromSeconds(2);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--quick":
                    options.OverheadTrials = 160;
                    options.ThroughputTrials = 1000;
                    options.ReportTrials = 40;
                    options.UtilizationTrials = 320;
                    options.ScaleSlots = [100, 300];
                    options.ScaleTrialsPerSlot = 4;
                    options.ScaleEpoch = TimeSpan.FromSeconds(1);
                    options.BurstSlots = 300;
                    options.BurstTrialsPerSlot = 3;
                    options.BurstEpoch = TimeSpan.FromSeconds(1);
                    break;
                case "--only":
                    options.Scenarios = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries)];
                    var unknown = options.Scenarios.Except(AllScenarios).Except(ExtraScenarios).ToArray();
                    if (unknown.Length > 0)
                    {
                        throw new ArgumentException($"unknown scenario {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios.Concat(ExtraScenarios))}");
                    }

                    break;
                case "--report-trials":
                    options.ReportTrials = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--explorer":
                    options.Explorer = true;
                    break;
                case "--explorer-trials":
                    options.ExplorerTrials = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    options.Output = Next();
                    break;
                case "--overhead-trials":
                    options.OverheadTrials = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--throughput-trials":
                    options.ThroughputTrials = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--scale-slots":
                    options.ScaleSlots = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--scale-trials-per-slot":
                    options.ScaleTrialsPerSlot = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--scale-epoch-ms":
                    options.ScaleEpoch = TimeSpan.FromMilliseconds(int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--scale-jitter":
                    options.ScaleJitter = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return options;
    }
}
