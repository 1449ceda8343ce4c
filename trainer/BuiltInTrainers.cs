using HyperSearch.Sdk;
using HyperSearch.Trainer.Command;
using HyperSearch.Trainer.Simulated;
using HyperSearch.Trainer.Toolbox;

namespace HyperSearch.Trainer;

/// <summary>
/// The trainers that come with HyperSearch: for specs without <c>trainer:</c>, by the silo's
/// <c>Trainer</c> setting, the TorchSharp toolbox or the simulated trainer (benchmarks, scale tests);
/// for specs with <c>trainer: { command }</c>, the command trainer.
/// </summary>
public static class BuiltInTrainers
{
    public const string Torch = "torch";

    public const string Simulated = "simulated";

    public static IReadOnlyList<string> Kinds { get; } = [Torch, Simulated];

    public static bool IsSimulated(string kind) => string.Equals(kind, Simulated, StringComparison.OrdinalIgnoreCase);

    /// <param name="epochDuration">How long a simulated epoch waits (simulated only).</param>
    /// <param name="jitter">Spread of simulated epoch durations, 0 to 1 (simulated only).</param>
    /// <exception cref="ArgumentException">Neither torch nor simulated.</exception>
    public static ITrainer Create(string kind, TimeSpan epochDuration, double jitter) =>
        IsSimulated(kind) ? new SimulatedTrainer(epochDuration, jitter)
        : string.Equals(kind, Torch, StringComparison.OrdinalIgnoreCase) ? new ToolboxTrainer()
        : throw new ArgumentException($"unknown trainer '{kind}' (expected {Torch} or {Simulated})", nameof(kind));

    /// <summary>
    /// The trainer of a spec's <c>trainer: { command }</c>: one process per trial, or with
    /// <c>persistent: true</c> the slot's long-lived worker (<paramref name="workers"/>, kept by the slot).
    /// </summary>
    public static ITrainer ForCommand(CommandSettings settings, CommandWorkers? workers = null) =>
        settings.Persistent ? new PersistentCommandTrainer(settings, workers) : new CommandTrainer(settings);
}
