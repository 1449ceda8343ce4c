namespace HyperSearch.Spec;

/// <summary>
/// The spec's <c>trainer:</c>: a user's plugin (a .NET assembly and the type in it that implements
/// <c>HyperSearch.Sdk.ITrainer</c>), or a training command run once per trial. A spec without it
/// uses the silo's built-in trainer.
/// </summary>
/// <param name="Plugin">The plugin assembly's full path, as the silos will read it (a shared directory in a cluster).</param>
/// <param name="Type">The plugin trainer's full type name, e.g. <c>My.Namespace.MyTrainer</c>.</param>
/// <param name="Command">The training command, for command trials; then <paramref name="Plugin"/> and <paramref name="Type"/> are null.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrainerSpec")]
public sealed record class TrainerSpec(
    [property: Id(0)] string? Plugin,
    [property: Id(1)] string? Type,
    [property: Id(2)] CommandSpec? Command = null)
{
    public override string ToString() => Command is { } command ? $"command {string.Join(' ', command.Arguments)}" : $"{Type} from {Plugin}";
}
