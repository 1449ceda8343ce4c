using System.Globalization;
using HyperSearch.Sdk;

namespace HyperSearch.Sweeps;

/// <summary>
/// <see cref="DivergenceRule"/> for trainers that do not apply it themselves: a reported metric
/// whose name ends in <c>loss</c> judged against its first reported value. One watch per trial
/// attempt, fed every epoch in order.
/// </summary>
public sealed class LossDivergenceWatch
{
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

            if (DivergenceRule.IsNotFinite(value))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} is {value} at epoch {epoch}");
            }

            if (!_first.TryGetValue(name, out var first))
            {
                _first[name] = value;
            }
            else if (DivergenceRule.Exceeds(value, first))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} {value:G4} at epoch {epoch} exceeds {DivergenceRule.Factor}x its first value {first:G4}");
            }
        }

        return null;
    }
}
