using HyperSearch.Paths;
using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Trainer;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// The trainers this silo can run: its built-in one (the <c>Trainer</c> setting; specs without
/// <c>trainer:</c>), training commands, and the users' plugins. Spec validation asks it for
/// schemas; trainer slots ask it for the trainer of each trial. Both go through here, so a plugin
/// file or a command's working directory outside the silo's <see cref="AllowedRoots"/> is refused
/// before anything is loaded or started, whether the spec came through a check or straight to a sweep.
/// </summary>
public sealed class TrainerCatalog(ITrainer builtIn, PluginTrainers plugins, AllowedRoots roots, UserCodePolicy userCode) : ITrainerSchemas
{
    /// <param name="workers">The asking slot's persistent command worker, kept between its trials.</param>
    /// <exception cref="TrainerUnavailableException">The plugin cannot be used, or lies outside the roots.</exception>
    public ITrainer Get(TrainerSpec? trainer, CommandWorkers? workers = null) => trainer switch
    {
        null => builtIn,
        { Command: { } command } => Command(command, workers),
        { Plugin: { } plugin } => Plugin(trainer, plugin),
        _ => plugins.Get(trainer),
    };

    public TrainerSchema Resolve(TrainerSpec? trainer) => Get(trainer).Schema;

    private ITrainer Command(CommandSpec command, CommandWorkers? workers)
    {
        userCode.RequireCommand(command);
        return BuiltInTrainers.ForCommand(
            new CommandSettings(
                command.Arguments, Within("trainer.workdir", command.WorkingDirectory), command.Environment, command.Schema, command.Grace, command.ReportTimeout)
            {
                Persistent = command.Persistent,
                MaxTrialsPerProcess = command.MaxTrialsPerProcess,
            },
            workers);
    }

    private ITrainer Plugin(TrainerSpec trainer, string plugin)
    {
        var path = Within("trainer.plugin", plugin);
        userCode.RequirePlugin(path);
        return plugins.Get(trainer with { Plugin = path });
    }

    private string Within(string key, string path)
    {
        try
        {
            return roots.Require(path);
        }
        catch (PathOutsideRootsException e)
        {
            throw new TrainerUnavailableException(key, e.Message);
        }
    }
}
