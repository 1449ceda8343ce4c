using HyperSearch.Sdk;

namespace HyperSearch.Spec;

/// <summary>
/// Finds the schema of the trainer a spec names, so <c>space:</c> and <c>objective:</c> are checked
/// against that trainer. The silo implements it (it loads plugins); core only asks.
/// </summary>
public interface ITrainerSchemas
{
    /// <summary>The schema of <paramref name="trainer"/>, or of the built-in trainer when it is null.</summary>
    /// <exception cref="TrainerUnavailableException">The plugin cannot be loaded or is not a trainer.</exception>
    TrainerSchema Resolve(TrainerSpec? trainer);
}
