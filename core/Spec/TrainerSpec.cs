namespace HyperSearch.Spec;

/// <summary>
/// The spec's <c>trainer:</c>: a user's plugin, a .NET assembly and the type in it that implements
/// <c>HyperSearch.Sdk.ITrainer</c>. A spec without it uses the silo's built-in trainer.
/// </summary>
/// <param name="Plugin">The assembly's full path, as the silos will read it (a shared directory in a cluster).</param>
/// <param name="Type">The trainer's full type name, e.g. <c>My.Namespace.MyTrainer</c>.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrainerSpec")]
public sealed record class TrainerSpec(
    [property: Id(0)] string Plugin,
    [property: Id(1)] string Type)
{
    public override string ToString() => $"{Type} from {Plugin}";
}
