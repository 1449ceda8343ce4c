namespace HyperSearch.Ensembles;

/// <summary>Combines members' probabilities with weights (which need not sum to one: they are normalized).</summary>
public static class WeightedAverage
{
    public static double[] Combine(IReadOnlyList<ProbabilityTable> tables, IReadOnlyList<double> weights)
    {
        if (tables.Count == 0 || tables.Count != weights.Count)
        {
            throw new ArgumentException("one weight per table, at least one table");
        }

        var rows = tables[0].Rows;
        var classes = tables[0].Classes;
        if (tables.Any(t => t.Rows != rows || t.Classes != classes))
        {
            throw new ArgumentException("members' probability tables differ in shape: were they evaluated on the same data?");
        }

        var total = weights.Sum();
        var combined = new double[rows * classes];
        for (var m = 0; m < tables.Count; m++)
        {
            var w = weights[m] / total;
            var values = tables[m].Values;
            for (var i = 0; i < combined.Length; i++)
            {
                combined[i] += w * values[i];
            }
        }

        return combined;
    }
}
