using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Analysis;

/// <summary>
/// Trials as rows of numbers for <see cref="ParameterImportance"/>: log10 of loguniform parameters (the
/// scale they were searched on), the index of a choice, and for a conditional parameter a trial lacks,
/// one below the lowest value seen (a value of its own, which a tree can split off).
/// </summary>
public static class TrialFeatures
{
    public static (string[] Names, double[][] Rows, double[] Targets) Of(SweepSpec spec, IEnumerable<TrialRecord> trials)
    {
        var space = spec.Space.Where(p => p.Kind != DistributionKind.Value).ToArray();
        var scored = trials
            .Where(t => t.Status == TrialStatus.Completed && t.ObjectiveValue(spec.Objective) is { } v && double.IsFinite(v))
            .ToList();
        var rows = scored.Select(t => space.Select(p => Encode(p, t.Parameters.GetValueOrDefault(p.Name))).ToArray()).ToArray();
        for (var f = 0; f < space.Length; f++)
        {
            var present = rows.Select(r => r[f]).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
            var missing = present.Min() - 1;
            foreach (var row in rows)
            {
                row[f] = double.IsFinite(row[f]) ? row[f] : missing;
            }
        }

        return (space.Select(p => p.Name).ToArray(), rows, scored.Select(t => t.ObjectiveValue(spec.Objective)!.Value).ToArray());
    }

    private static double Encode(ParameterSpec parameter, ParamValue? value)
    {
        if (value is null)
        {
            return double.NaN;
        }

        if (parameter.Kind is DistributionKind.Choice || !value.IsNumeric)
        {
            var index = Array.FindIndex(parameter.Options, o => o.SameAs(value));
            return index;
        }

        return parameter.Kind == DistributionKind.LogUniform && value.Number > 0 ? Math.Log10(value.Number) : value.Number;
    }
}
