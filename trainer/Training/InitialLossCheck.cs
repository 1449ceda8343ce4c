using System.Globalization;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// cs231n's first sanity check: before any update, a softmax classifier with small random weights
/// predicts about 1/classes for every class, so its data loss is about ln(classes).
/// </summary>
public static class InitialLossCheck
{
    /// <summary>How far (relative) the first loss may sit from ln(classes) before it is worth an event.</summary>
    public const double Tolerance = 0.25;

    /// <param name="dataLoss">Cross-entropy of the first minibatch, without any penalty term.</param>
    /// <returns>An event when the loss is far off (or not a number); null when healthy.</returns>
    public static TrialEvent? Check(double dataLoss, int classes)
    {
        var expected = Math.Log(classes);
        if (double.IsFinite(dataLoss) && Math.Abs(dataLoss - expected) <= Tolerance * expected)
        {
            return null;
        }

        return new TrialEvent(TrialEventKind.InitialLoss, 1, string.Create(
            CultureInfo.InvariantCulture,
            $"first minibatch loss {dataLoss:0.00} is far from ln({classes}) = {expected:0.00}: check the weight initialization (too large?) and the labels"));
    }
}
