namespace HyperSearch.TestTrainers;

/// <summary>A public type that is no trainer: naming it in <c>trainer.type</c> must be a clear error.</summary>
public sealed class NotATrainer
{
    public override string ToString() => "not a trainer";
}
