using System.Globalization;

namespace HyperSearch.Sweeps;

/// <summary>
/// cs231n's divergence rule for trainers that do not apply it themselves: a reported metric whose
/// name ends in <c>loss</c> that becomes NaN or infinite, or rises above 3x its first reported
/// value, means the trial diverged. One watch per trial attempt, fed every epoch in order.
/// </summary>
public sealed class LossDivergenceWatch
{
    public const double Factor = 3;

    private readonly Dictionary<string, double> _first = new(StringComparer.Ordinal);

    /// <summary>Why the trial diverged at this epoch, or null when every loss is sane.</summary>
    public string? Check(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var (name, value) in metrics)
        {
            if (!name.EndsWith("loss", StringComparison.Ordinal))
            {
                continue;
            }

            if (!double.IsFinite(value))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} is {value} at epoch {epoch}");
            }

            if (!_first.TryGetValue(name, out var first))
            {
                _first[name] = value;
            }
            else if (first > 0 && value > Factor * first)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} {value:G4} at epoch {epoch} exceeds {Factor}x its first value {first:G4}");
            }
        }

        return null;
    }
}
