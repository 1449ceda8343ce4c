namespace HyperSearch.Contracts;

/// <summary>
/// One device slot on one silo. Keyed "{silo}/{slot}" and placed on the silo that activates it.
/// While idle it polls for trials; while busy it trains on its own thread and heartbeats.
/// </summary>
[Alias("HyperSearch.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithStringKey
{
    /// <summary>Activates the slot (idempotent) and wakes it to look for work now.</summary>
    [Alias("Wake")]
    Task Wake();

    /// <summary>
    /// Every idle slot of this slot's silo asks <paramref name="sweepId"/> for a trial, in one call:
    /// how the registry wakes a silo when a sweep starts or resumes (one message per silo, not per slot).
    /// </summary>
    [Alias("OfferWork")]
    Task OfferWork(string sweepId);

    [Alias("GetStatus")]
    Task<TrainerSlotStatus> GetStatus();
}

[GenerateSerializer, Immutable, Alias("HyperSearch.TrainerSlotStatus")]
public sealed record class TrainerSlotStatus(
    [property: Id(0)] string SlotId,
    [property: Id(1)] string? SweepId,
    [property: Id(2)] int? TrialNumber,
    [property: Id(3)] int TrialsRun);
