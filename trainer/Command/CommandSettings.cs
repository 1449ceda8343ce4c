using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>A training command as the silo hands it to <see cref="CommandTrainer"/> (the spec's <c>trainer: { command }</c>).</summary>
/// <param name="Arguments">Program and arguments, with <see cref="CommandPlaceholders"/>.</param>
/// <param name="WorkingDirectory">Absolute.</param>
/// <param name="Schema">What the command reports (its metrics); any parameter is accepted.</param>
/// <param name="Grace">From SIGTERM to SIGKILL of the process group.</param>
/// <param name="ReportTimeout">Silence longer than this kills the process and fails the trial.</param>
public sealed record class CommandSettings(
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    TrainerSchema Schema,
    TimeSpan Grace,
    TimeSpan ReportTimeout)
{
    /// <summary>One long-lived process per slot serves trial after trial (<see cref="PersistentCommandTrainer"/>).</summary>
    public bool Persistent { get; init; }

    /// <summary>A persistent worker is replaced after this many trials; null: never.</summary>
    public int? MaxTrialsPerProcess { get; init; }

    /// <summary>Whether a worker started for <paramref name="other"/> runs this same program, the same way.</summary>
    public bool SameProcess(CommandSettings other) =>
        Arguments.SequenceEqual(other.Arguments, StringComparer.Ordinal)
        && WorkingDirectory == other.WorkingDirectory
        && Environment.Count == other.Environment.Count
        && Environment.All(e => other.Environment.TryGetValue(e.Key, out var value) && value == e.Value);
}
