namespace HyperSearch.Sweeps;

/// <summary>
/// What one trainer slot tells its sweep, sent together with its silo's other slots (one
/// <c>ISweepGrain.Exchange</c> call for all): a heartbeat or an epoch of its trial, how the trial
/// ended, and/or that it wants its next trial.
/// </summary>
/// <param name="Trial">The attempt <paramref name="Epoch"/> or <paramref name="Finish"/> is about; alone, a heartbeat for it.</param>
/// <param name="WantsNext">Lease the slot a trial of this sweep, after the finish if there is one.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SlotMessage")]
public sealed record class SlotMessage(
    [property: Id(0)] string SlotId,
    [property: Id(1)] TrialKey? Trial = null,
    [property: Id(2)] EpochMetrics? Epoch = null,
    [property: Id(3)] TrialFinish? Finish = null,
    [property: Id(4)] bool WantsNext = false);

/// <summary>The sweep's answer to one <see cref="SlotMessage"/>.</summary>
/// <param name="Directive">For a heartbeat or an epoch: go on, or stop (after the epoch).</param>
/// <param name="Next">The slot's next trial when it wanted one and the sweep has one now.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SlotReply")]
public sealed record class SlotReply(
    [property: Id(0)] LeaseDirective Directive,
    [property: Id(1)] TrialLease? Next = null);
