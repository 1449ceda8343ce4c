using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Trainer.Toolbox;

namespace HyperSearch.Core.Tests;

/// <summary>
/// The built-in toolbox's real schema (trainer/Toolbox/ToolboxSchema.cs, compiled into this project
/// so these tests need no TorchSharp); plugins are not loaded here, so naming one is an error.
/// </summary>
internal sealed class ToolboxSchemas : ITrainerSchemas
{
    public static ToolboxSchemas Instance { get; } = new();

    public TrainerSchema Resolve(TrainerSpec? trainer) =>
        trainer is null ? ToolboxSchema.Schema : throw new TrainerUnavailableException("trainer.plugin", $"no plugins in these tests: {trainer.Plugin}");
}
