using HyperSearch.Sdk;

namespace HyperSearch.Spec;

/// <summary>
/// A training command run once per trial attempt (<c>trainer: { command: [...] }</c>): its
/// arguments with <c>{name}</c> placeholders for parameter values, where it runs, what it reports.
/// </summary>
/// <param name="Arguments">The program and its arguments; <c>{name}</c> takes a parameter's value, <c>{max_epochs}</c>, <c>{seed}</c> and <c>{trial_dir}</c> the trial's.</param>
/// <param name="WorkingDirectory">Absolute, as the silos will see it.</param>
/// <param name="Environment">Extra environment variables.</param>
/// <param name="Metrics">The metrics its reports carry; the first is the default objective.</param>
/// <param name="Grace">How long a process asked to stop (SIGTERM) may take before its process group is killed.</param>
/// <param name="ReportTimeout">A process that reports nothing for this long is killed and its trial fails (a persistent worker's is re-queued).</param>
/// <param name="Persistent">One long-lived process per slot takes trial after trial over stdin/stdout, so the program's start-up (imports, data) is paid once per slot, not once per trial.</param>
/// <param name="MaxTrialsPerProcess">A persistent worker is replaced after this many trials (a leak in the program then cannot grow without bound); null: never.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.CommandSpec")]
public sealed record class CommandSpec(
    [property: Id(0)] string[] Arguments,
    [property: Id(1)] string WorkingDirectory,
    [property: Id(2)] Dictionary<string, string> Environment,
    [property: Id(3)] CommandMetric[] Metrics,
    [property: Id(4)] TimeSpan Grace,
    [property: Id(5)] TimeSpan ReportTimeout,
    [property: Id(6)] bool Persistent = false,
    [property: Id(7)] int? MaxTrialsPerProcess = null)
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultReportTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Placeholders every command may use besides its parameters' names.</summary>
    public static IReadOnlyList<string> TrialPlaceholders { get; } = ["max_epochs", "seed", "trial_dir"];

    /// <summary>What the sweep checks a command's spec against: any parameter, the metrics it names, no data needed.</summary>
    public TrainerSchema Schema => new([], [.. Metrics.Select(m => new MetricDefinition(m.Name, m.Goal))]) { AcceptsAnyParameter = true };
}

/// <summary>A metric a training command reports, and which way is better.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.CommandMetric")]
public sealed record class CommandMetric(
    [property: Id(0)] string Name,
    [property: Id(1)] MetricGoal Goal);
