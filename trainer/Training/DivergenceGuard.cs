using System.Globalization;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// Applies <see cref="DivergenceRule"/> to minibatch losses: a NaN or infinite loss at once, or a
/// mean over the last <see cref="Window"/> minibatches above the rule's factor times the first
/// minibatch's loss (taken before any update).
/// </summary>
/// <remarks>
/// The mean, not one minibatch: with Adam at a high learning rate a single early minibatch can spike
/// past the factor and the run recover at once (docs/design.md, "Divergence"). A run that really
/// explodes stays up, or turns NaN, within a few batches.
/// </remarks>
internal sealed class DivergenceGuard(int batchSize)
{
    /// <summary>Minibatches the mean covers; it is judged once that many have been seen.</summary>
    public const int Window = 10;

    private readonly Queue<double> _recent = new(Window);

    /// <summary>Loss of the first minibatch; NaN until one is seen.</summary>
    public double InitialLoss { get; private set; } = double.NaN;

    /// <summary>Takes up a resumed run's reference loss, so it is judged against its own first minibatch.</summary>
    public void Restore(double initialLoss) => InitialLoss = initialLoss;

    /// <returns>Why the run diverged, or null while it is healthy.</returns>
    public string? Check(double loss, int count, int epoch)
    {
        if (double.IsNaN(InitialLoss))
        {
            InitialLoss = loss;
        }

        if (DivergenceRule.IsNotFinite(loss))
        {
            return double.IsNaN(loss) ? $"loss became NaN at epoch {epoch}" : $"loss became infinite at epoch {epoch}";
        }

        // An epoch's last, short minibatch can be a handful of images whose mean loss is legitimately
        // large (one confidently misread image is enough), so only batches of at least half the
        // batch size count.
        if (2 * count < batchSize)
        {
            return null;
        }

        _recent.Enqueue(loss);
        if (_recent.Count > Window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count == Window && _recent.Average() is var mean && DivergenceRule.Exceeds(mean, InitialLoss))
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"mean loss {mean:0.00} of the last {Window} minibatches exceeded {DivergenceRule.Factor:0}x the initial loss {InitialLoss:0.00} at epoch {epoch}");
        }

        return null;
    }
}
