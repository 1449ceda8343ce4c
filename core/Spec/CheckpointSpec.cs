namespace HyperSearch.Spec;

/// <summary>The spec's <c>checkpoints:</c>: how trials save resumable checkpoints, and whether a lost attempt continues from them.</summary>
/// <param name="Resume">A re-queued attempt continues from the newest good checkpoint (false: it starts at epoch 1, and trials save none).</param>
/// <param name="EveryEpochs">Save a resumable checkpoint after every this many epochs.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.CheckpointSpec")]
public sealed record class CheckpointSpec(
    [property: Id(0)] bool Resume,
    [property: Id(1)] int EveryEpochs)
{
    /// <summary>What a spec without <c>checkpoints:</c> gets: a checkpoint after every epoch, resumed from.</summary>
    public static CheckpointSpec Default { get; } = new(Resume: true, EveryEpochs: 1);
}
