using HyperSearch.Sdk;
using HyperSearch.Spec;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// The trainers this silo can run: its built-in one (the <c>Trainer</c> setting; specs without
/// <c>trainer:</c>) and the users' plugins. Spec validation asks it for schemas; trainer slots ask
/// it for the trainer of each trial.
/// </summary>
public sealed class TrainerCatalog(ITrainer builtIn, PluginTrainers plugins) : ITrainerSchemas
{
    /// <exception cref="TrainerUnavailableException">The plugin cannot be used.</exception>
    public ITrainer Get(TrainerSpec? trainer) => trainer is null ? builtIn : plugins.Get(trainer);

    public TrainerSchema Resolve(TrainerSpec? trainer) => Get(trainer).Schema;
}
