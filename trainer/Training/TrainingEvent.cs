namespace HyperSearch.Trainer.Training;

/// <summary>Something a sanity check noticed during a run, for the user to see.</summary>
/// <param name="Kind">One of the constants below.</param>
/// <param name="Epoch">1-based epoch it was noticed in.</param>
public sealed record class TrainingEvent(string Kind, int Epoch, string Message)
{
    /// <summary>The first minibatch's loss was far from ln(classes): initialization or data are off.</summary>
    public const string InitialLoss = "initial_loss";

    /// <summary>The loss became NaN or infinite or exceeded 3x the initial loss.</summary>
    public const string Diverged = "diverged";

    /// <summary>A layer's update-to-weight ratio is far from the healthy 1e-3.</summary>
    public const string UpdateRatio = "update_ratio";

    public override string ToString() => $"{Kind} (epoch {Epoch}): {Message}";
}
