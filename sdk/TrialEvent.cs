namespace HyperSearch.Sdk;

/// <summary>Something a sanity check noticed during a run, for the user to see.</summary>
/// <param name="Epoch">1-based epoch it was noticed in.</param>
public sealed record class TrialEvent(TrialEventKind Kind, int Epoch, string Message)
{
    /// <summary>The kind's word in tables and JSON: initial_loss, diverged, update_ratio, checkpoint, note.</summary>
    public static string NameOf(TrialEventKind kind) => kind switch
    {
        TrialEventKind.InitialLoss => "initial_loss",
        TrialEventKind.Diverged => "diverged",
        TrialEventKind.UpdateRatio => "update_ratio",
        TrialEventKind.Checkpoint => "checkpoint",
        _ => "note",
    };

    public override string ToString() => $"{NameOf(Kind)} (epoch {Epoch}): {Message}";
}

/// <summary>What a <see cref="TrialEvent"/> is about.</summary>
public enum TrialEventKind
{
    /// <summary>The first minibatch's loss was far from ln(classes): initialization or data are off.</summary>
    InitialLoss,

    /// <summary>The loss became NaN or infinite or exceeded 3x the initial loss.</summary>
    Diverged,

    /// <summary>A layer's update-to-weight ratio is far from the healthy 1e-3.</summary>
    UpdateRatio,

    /// <summary>The checkpoint could not be written (the trial's figures stand; the ensemble loses it).</summary>
    Checkpoint,

    /// <summary>Anything else a trainer wants the user to see.</summary>
    Note,
}
