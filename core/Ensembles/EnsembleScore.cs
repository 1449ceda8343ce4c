namespace HyperSearch.Ensembles;

/// <summary>Accuracy and mean negative log-likelihood of (combined) class probabilities against labels.</summary>
public sealed record class EnsembleScore(double Accuracy, double NegativeLogLikelihood)
{
    /// <summary>Probabilities are clamped here before the log, so one confident mistake does not make the NLL infinite.</summary>
    public const double MinProbability = 1e-7;

    public static EnsembleScore Of(ReadOnlySpan<double> probabilities, int classes, IReadOnlyList<int> labels)
    {
        var correct = 0;
        var nll = 0.0;
        for (var row = 0; row < labels.Count; row++)
        {
            var p = probabilities.Slice(row * classes, classes);
            var predicted = 0;
            for (var c = 1; c < classes; c++)
            {
                if (p[c] > p[predicted])
                {
                    predicted = c;
                }
            }

            correct += predicted == labels[row] ? 1 : 0;
            nll -= Math.Log(Math.Max(p[labels[row]], MinProbability));
        }

        return new EnsembleScore((double)correct / labels.Count, nll / labels.Count);
    }
}
