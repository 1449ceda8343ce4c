using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Refinement;

/// <summary>
/// The next round's <c>space:</c>, one parameter at a time in the spec's order, with a
/// <see cref="RefineChange"/> for each parameter saying what happened and on what evidence.
/// </summary>
internal static class SpaceRefiner
{
    /// <summary>
    /// A choice is dropped only when at least this many trials tried it and none of them was among
    /// the best: one unlucky draw says little about an option.
    /// </summary>
    public const int TriedToDrop = 2;

    public static ParameterSpec[] Refine(IReadOnlyList<ParameterSpec> space, RefineEvidence evidence, List<RefineChange> changes)
    {
        var next = new List<ParameterSpec>();
        foreach (var parameter in space)
        {
            string key = $"space.{parameter.Name}";
            if (Conditions(parameter, next) is not { } when)
            {
                changes.Add(new RefineChange(key, RefineChangeKind.ParameterDropped,
                    $"dropped: its condition ({Describe(parameter.When)}) can no longer hold, the choices it needs were dropped"));
                continue;
            }

            var kept = parameter with { When = when };
            next.Add(parameter.Kind switch
            {
                DistributionKind.Choice => RefineChoice(kept, key, evidence, changes),
                _ when ParameterScale.IsRange(kept) => RefineRange(kept, key, evidence, changes),
                _ => kept,
            });
        }

        return next.ToArray();
    }

    /// <summary>The parameter's conditions limited to the options still in the space; null when one of them can no longer hold.</summary>
    private static ParameterCondition[]? Conditions(ParameterSpec parameter, List<ParameterSpec> next)
    {
        var conditions = new List<ParameterCondition>();
        foreach (var condition in parameter.When)
        {
            if (next.FirstOrDefault(p => p.Name == condition.Parameter) is not { } target)
            {
                return null;
            }

            var values = condition.Values.Where(v => target.Options.Any(v.SameAs)).ToArray();
            if (values.Length == 0)
            {
                return null;
            }

            conditions.Add(condition with { Values = values });
        }

        return conditions.ToArray();
    }

    private static ParameterSpec RefineChoice(ParameterSpec parameter, string key, RefineEvidence evidence, List<RefineChange> changes)
    {
        var best = evidence.BestWith(parameter.Name);
        if (best.Count == 0)
        {
            changes.Add(new RefineChange(key, RefineChangeKind.Kept, $"kept: none of the {evidence.Phrase} had {parameter.Name} active"));
            return parameter;
        }

        int InBest(ParamValue option) => best.Count(o => o.Parameters[parameter.Name].SameAs(option));
        int Tried(ParamValue option) => evidence.All.Count(o => o.Parameters.TryGetValue(parameter.Name, out var v) && v.SameAs(option));
        if (parameter.Options.Length == 1)
        {
            return parameter; // nothing to choose between
        }

        var used = string.Join(", ", parameter.Options.Where(o => InBest(o) > 0).Select(o => $"{o} ({InBest(o)})"));
        var unused = parameter.Options.Where(o => InBest(o) == 0).ToArray();
        var dropped = unused.Where(o => Tried(o) >= TriedToDrop).ToArray();
        var spared = unused.Except(dropped).Select(o => Tried(o) == 0 ? $"{o} (never tried)" : $"{o} (tried {Tried(o)}x)").ToArray();
        string keptText = spared.Length == 0 ? "" : $"; kept {string.Join(", ", spared)}: fewer than {TriedToDrop} tries, too few to drop";
        if (dropped.Length == 0)
        {
            changes.Add(new RefineChange(key, RefineChangeKind.Kept, $"{evidence.Phrase} used {used}{keptText}"));
            return parameter;
        }

        var droppedText = string.Join(", ", dropped.Select(o => $"{o} (tried {Tried(o)}x)"));
        changes.Add(new RefineChange(key, RefineChangeKind.ChoicesDropped, $"{evidence.Phrase} used {used}; dropped {droppedText}, never among them{keptText}"));
        return parameter with { Options = parameter.Options.Where(o => !dropped.Any(o.SameAs)).ToArray() };
    }

    private static ParameterSpec RefineRange(ParameterSpec parameter, string key, RefineEvidence evidence, List<RefineChange> changes)
    {
        var best = evidence.BestWith(parameter.Name).Where(o => o.Parameters[parameter.Name].IsNumeric).ToList();
        if (best.Count == 0)
        {
            changes.Add(new RefineChange(key, RefineChangeKind.Kept, $"kept: none of the {evidence.Phrase} had {parameter.Name} active"));
            return parameter;
        }

        var values = best.Select(o => o.Parameters[parameter.Name].Number).ToList();
        var (space, widened) = RoundRanges.Next([parameter], [parameter], best);
        var next = Tidy(space[0], parameter);
        string who = best.Count == evidence.Best.Count ? evidence.Phrase : $"{best.Count} of the {evidence.Phrase} (those with it active)";
        string span = $"{who} had {parameter.Name} in {EvidenceText.Range(values.Min(), values.Max())}";
        if (widened.Length > 0)
        {
            string sides = string.Join(" and ", widened.Select(w => w.Upward ? "upper" : "lower"));
            changes.Add(new RefineChange(key, RefineChangeKind.Widened,
                $"{span}; the best ({EvidenceText.Number(values[0])}) sat at the {sides} edge of {EvidenceText.Range(parameter)}: {EvidenceText.Range(next)}"));
        }
        else if (next.Low > parameter.Low || next.High < parameter.High)
        {
            changes.Add(new RefineChange(key, RefineChangeKind.Narrowed, $"{span}: narrowed from {EvidenceText.Range(parameter)}"));
        }
        else
        {
            changes.Add(new RefineChange(key, RefineChangeKind.Kept, $"{span}: kept {EvidenceText.Range(parameter)}"));
        }

        return next;
    }

    /// <summary>
    /// Bounds that read well in YAML: a narrowed side rounded outwards to 3 significant digits
    /// (0.00041014 becomes 0.00041) when that stays inside the old range; a widened side stays
    /// exact, since it may sit just inside a limit of the trainer's (momentum below 1).
    /// </summary>
    private static ParameterSpec Tidy(ParameterSpec next, ParameterSpec old)
    {
        if (next.Kind == DistributionKind.Int)
        {
            return next;
        }

        double low = Round(next.Low, Math.Floor);
        double high = Round(next.High, Math.Ceiling);
        return next with
        {
            Low = next.Low >= old.Low && low >= old.Low && low < high && (next.Kind != DistributionKind.LogUniform || low > 0) ? low : next.Low,
            High = next.High <= old.High && high <= old.High && high > low ? high : next.High,
        };
    }

    private static double Round(double value, Func<double, double> direction)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        // Three digits as a whole number and a power of ten, parsed back: 0.0013, not 0.0013000000000000002.
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value))) - 2;
        double digits = direction(value / Math.Pow(10, exponent));
        return double.Parse(FormattableString.Invariant($"{digits:R}e{exponent}"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(IEnumerable<ParameterCondition> when) =>
        string.Join("; ", when.Select(c => $"{c.Parameter} in [{EvidenceText.Options(c.Values)}]"));
}
