namespace HyperSearch.Contracts;

/// <summary>
/// One silo's trainer slots, reached as a grain observer: each silo with slots has one host (a
/// silo service, not a grain) that subscribes itself to the sweep registry. The registry tells it
/// when a sweep has work; a caller that needs one silo's slots asks it for their status.
/// </summary>
[Alias("HyperSearch.ITrainerHost")]
public interface ITrainerHost : IGrainObserver
{
    /// <summary>Every idle slot of this silo asks <paramref name="sweepId"/> for a trial, in one call.</summary>
    [Alias("OfferWork")]
    Task OfferWork(string sweepId);

    /// <summary>What each slot of this silo trains now.</summary>
    [Alias("GetSlots")]
    Task<TrainerSlotStatus[]> GetSlots();
}

/// <param name="Retrain">The trial is being retrained for its sweep's ensemble (<c>ensemble.retrain</c>).</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrainerSlotStatus")]
public sealed record class TrainerSlotStatus(
    [property: Id(0)] string SlotId,
    [property: Id(1)] string? SweepId,
    [property: Id(2)] int? TrialNumber,
    [property: Id(3)] int TrialsRun,
    [property: Id(4)] bool Retrain = false);

/// <summary>A silo's trainer host as the registry lists it.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrainerHostListing")]
public sealed record class TrainerHostListing(
    [property: Id(0)] string SiloName,
    [property: Id(1)] ITrainerHost Host);
