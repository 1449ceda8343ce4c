using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Trainer;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// The trainers this silo can run: its built-in one (the <c>Trainer</c> setting; specs without
/// <c>trainer:</c>), training commands, and the users' plugins. Spec validation asks it for
/// schemas; trainer slots ask it for the trainer of each trial.
/// </summary>
public sealed class TrainerCatalog(ITrainer builtIn, PluginTrainers plugins) : ITrainerSchemas
{
    /// <exception cref="TrainerUnavailableException">The plugin cannot be used.</exception>
    public ITrainer Get(TrainerSpec? trainer) => trainer switch
    {
        null => builtIn,
        { Command: { } command } => BuiltInTrainers.ForCommand(new CommandSettings(
            command.Arguments, command.WorkingDirectory, command.Environment, command.Schema, command.Grace, command.ReportTimeout)),
        _ => plugins.Get(trainer),
    };

    public TrainerSchema Resolve(TrainerSpec? trainer) => Get(trainer).Schema;
}
