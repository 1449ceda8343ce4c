namespace HyperSearch.Spec;

/// <summary>Reads the optional <c>checkpoints:</c>; absent means <see cref="CheckpointSpec.Default"/>.</summary>
internal static class CheckpointSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["resume", "every_epochs"];

    public static CheckpointSpec Read(MappingReader checkpoints) => new(
        checkpoints.Bool("resume") ?? CheckpointSpec.Default.Resume,
        checkpoints.Int("every_epochs", min: 1, max: SpecLimits.MaxEpochs) ?? CheckpointSpec.Default.EveryEpochs);
}
