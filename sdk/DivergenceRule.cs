namespace HyperSearch.Sdk;

/// <summary>
/// When a loss says a trial diverged (cs231n's rule): at once when it is NaN or infinite, or when
/// it rises above <see cref="Factor"/> times its reference, the loss the run started from. The
/// built-in toolbox applies it to minibatch losses, the sweep to the epoch losses of trainers that
/// do not apply it themselves (<see cref="TrainerSchema.DetectsDivergence"/>); both take it from
/// here, so they cannot drift apart. Lives in the SDK because both sides reference it.
/// </summary>
public static class DivergenceRule
{
    /// <summary>How many times its reference a loss may reach before the run counts as diverged.</summary>
    public const double Factor = 3;

    /// <summary>Whether a loss is no number at all: NaN or infinite.</summary>
    public static bool IsNotFinite(double loss) => !double.IsFinite(loss);

    /// <summary>
    /// Whether <paramref name="loss"/> exceeds <see cref="Factor"/> times <paramref name="reference"/>.
    /// A reference of zero or less (a loss that is no cross-entropy) gives no scale to judge by.
    /// </summary>
    public static bool Exceeds(double loss, double reference) => reference > 0 && loss > Factor * reference;
}
