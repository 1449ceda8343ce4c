using HyperSearch.Sdk;
using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// One trial as the sweep records it. Immutable: the sweep replaces a record on every change,
/// so a snapshot handed to a caller never changes under it.
/// </summary>
/// <param name="Events">The finished attempt's sanity-check events (see <see cref="TrialFinish.Events"/>).</param>
/// <param name="CheckpointPath">The finished attempt's checkpoint directory in the artifact store, if any.</param>
/// <param name="Test">The finished attempt's test figures by the trainer's metric names.</param>
/// <param name="Message">For people: why the trial ended or went back to the queue. Never parsed; the causes are typed.</param>
/// <param name="RequeueReason">Why the trial last went back to the queue; null while on its first attempt.</param>
/// <param name="ResumePoints">The newest resumable checkpoints its attempts reported (at most two, newest last); null: none.</param>
/// <param name="AttemptFirstEpoch">The first epoch the current attempt reported; null until it reports.</param>
/// <param name="ResumedFrom">For each attempt that continued from a checkpoint, the epoch that checkpoint covered.</param>
/// <param name="Pauses">How often it paused at a rung (scheduler mode pause).</param>
/// <param name="Promotions">How often it was promoted from a pause; such attempts do not count against the retry limit.</param>
/// <param name="Lineage">PBT: each time it continued from another trial's checkpoint with explored parameters.</param>
/// <param name="InitialParameters">PBT: its parameters before its first exploit (<see cref="Parameters"/> are the current ones); null: never exploited.</param>
/// <param name="ProposedBy">What produced its configuration (a random draw, a grid, a model); null in states written before it was recorded.</param>
/// <remarks>
/// Field 5 (a lease deadline) is retired: deadlines live in <see cref="SweepBook"/> only, and older
/// states' values are skipped. Fields 7 (fixed test figures) and 15 (events as text) are retired too.
/// </remarks>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialRecord")]
public sealed record class TrialRecord(
    [property: Id(0)] int Number,
    [property: Id(1)] Dictionary<string, ParamValue> Parameters,
    [property: Id(2)] TrialStatus Status,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string? SlotId,
    [property: Id(6)] EpochMetrics[] Epochs,
    [property: Id(17)] Dictionary<string, double>? Test,
    [property: Id(8)] double? InitialLoss,
    [property: Id(9)] string? Message,
    [property: Id(10)] DateTime? StartedUtc,
    [property: Id(11)] DateTime? EndedUtc,
    [property: Id(12)] string[] SlotHistory,
    [property: Id(13)] StopReason StopRequested,
    [property: Id(14)] int FinishOrder,
    [property: Id(18)] TrialEvent[]? Events = null,
    [property: Id(16)] string? CheckpointPath = null,
    [property: Id(19)] RequeueReason? RequeueReason = null,
    [property: Id(20)] ResumePoint[]? ResumePoints = null,
    [property: Id(21)] int? AttemptFirstEpoch = null,
    [property: Id(22)] int[]? ResumedFrom = null,
    [property: Id(23)] int Pauses = 0,
    [property: Id(24)] int Promotions = 0,
    [property: Id(25)] LineageStep[]? Lineage = null,
    [property: Id(26)] Dictionary<string, ParamValue>? InitialParameters = null,
    [property: Id(27)] ProposalSource? ProposedBy = null)
{
    public string TrialId => IdFor(Number);

    public static string IdFor(int number) => $"t{number:D3}";

    public EpochMetrics? LastEpoch => Epochs.Length == 0 ? null : Epochs[^1];

    /// <summary>The objective of the last reported epoch, or null before the first report.</summary>
    public double? ObjectiveValue(ObjectiveSpec objective) => LastEpoch?.Get(objective.Metric);

    /// <summary>
    /// Where the trial stands by the objective, lower first: its last epoch's value oriented so that
    /// lower is better; without a figure (or with NaN) it ranks last. One rule for every ranking.
    /// </summary>
    public double RankKey(ObjectiveSpec objective) => ObjectiveValue(objective) is { } v && !double.IsNaN(v)
        ? objective.Mode == ObjectiveMode.Max ? -v : v
        : double.PositiveInfinity;

    /// <summary>The last reported value of <paramref name="metric"/>, or null.</summary>
    public double? Metric(string metric) => LastEpoch?.Get(metric);

    public static TrialRecord CreatePending(int number, Dictionary<string, ParamValue> parameters) =>
        new(number, parameters, TrialStatus.Pending, 1, null, [], null, null, null, null, null, [], StopReason.None, 0);
}

/// <summary>Why the sweep asked a running trial to stop; decides the status it ends with.</summary>
public enum StopReason
{
    None,
    Pruned,
    Cancelled,
    TimeLimit,

    /// <summary>The sweep's <c>budget.epochs</c> is spent.</summary>
    EpochBudget,

    /// <summary>At a rung and not promotable yet: pause, to be promoted later (scheduler mode pause).</summary>
    Paused,
}
