using System.Globalization;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// Decides from minibatch losses when a run has diverged: a NaN or infinite loss, or a loss above
/// <see cref="Factor"/> times the first minibatch's loss (taken before any update).
/// </summary>
internal sealed class DivergenceGuard(int batchSize)
{
    public const double Factor = 3.0;

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

        if (double.IsNaN(loss))
        {
            return $"loss became NaN at epoch {epoch}";
        }

        if (double.IsInfinity(loss))
        {
            return $"loss became infinite at epoch {epoch}";
        }

        // An epoch's last, short minibatch can be a handful of images whose mean loss is legitimately
        // large (one confidently misread image is enough), so only batches of at least half the
        // batch size count against the threshold.
        if (loss > Factor * InitialLoss && 2 * count >= batchSize)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"loss {loss:0.00} exceeded {Factor:0}x the initial loss {InitialLoss:0.00} at epoch {epoch}");
        }

        return null;
    }
}
