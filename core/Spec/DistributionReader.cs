using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// Reads the distribution of one <c>space</c> entry (<c>uniform: [lo, hi]</c>, <c>choice: [...]</c>,
/// ...) for <paramref name="trainer"/>'s parameter, reporting under <paramref name="path"/>
/// (<c>space.lr.loguniform</c>). Returns null, with the reasons reported, when it is unusable.
/// </summary>
internal sealed class DistributionReader(ParameterRules trainer, string path, SpecErrorList errors)
{
    public ParameterSpec? Range(DistributionKind kind, YamlNode? node)
    {
        if (!trainer.TakesRange(kind))
        {
            string article = kind == DistributionKind.Int ? "an" : "a";
            errors.Add(path, $"{trainer.Name} cannot take {article} {SpecNames.Of(kind)} range; use {trainer.Alternatives()}");
            return null;
        }

        if (node is not YamlSequenceNode { Children.Count: 2 } bounds)
        {
            errors.Add(path, $"expected [lower, upper], got {(node is null ? "null" : YamlScalars.Describe(node))}");
            return null;
        }

        var lower = Bound(bounds.Children[0], "lower", kind);
        var upper = Bound(bounds.Children[1], "upper", kind);
        if (lower is not { } lo || upper is not { } hi)
        {
            return null;
        }

        var problems = new List<string>();
        if (kind == DistributionKind.LogUniform && lo.Value <= 0)
        {
            problems.Add($"lower bound must be > 0, got {lo.Text}");
        }

        if (kind == DistributionKind.Int && lo.Value > hi.Value)
        {
            problems.Add($"lower bound {lo.Text} must not exceed upper bound {hi.Text}");
        }
        else if (kind != DistributionKind.Int && lo.Value >= hi.Value)
        {
            problems.Add($"lower bound {lo.Text} must be below upper bound {hi.Text}");
        }

        problems.AddRange(new[] { trainer.CheckBound("lower", lo.Value, lo.Text), trainer.CheckBound("upper", hi.Value, hi.Text) }.OfType<string>());
        foreach (string problem in problems)
        {
            errors.Add(path, problem);
        }

        return problems.Count > 0 ? null : new ParameterSpec(trainer.Name, kind, lo.Value, hi.Value, [], []);
    }

    public ParameterSpec? Choice(YamlNode? node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } items)
        {
            errors.Add(path, $"expected a non-empty list of options, got {(node is null ? "null" : YamlScalars.Describe(node))}");
            return null;
        }

        var options = new List<ParamValue>();
        bool valid = true;
        for (int i = 0; i < items.Children.Count; i++)
        {
            if (Option(items.Children[i], $"{path}[{i}]") is not { } option)
            {
                valid = false;
            }
            else if (options.Any(known => known.SameAs(option)))
            {
                // A repeated option would silently double its weight in random search.
                errors.Add(path, $"option {SpecFormat.Value(option)} is listed twice");
                valid = false;
            }
            else
            {
                options.Add(option);
            }
        }

        return valid ? new ParameterSpec(trainer.Name, DistributionKind.Choice, 0, 0, options.ToArray(), []) : null;
    }

    public ParameterSpec? Value(YamlNode? node)
    {
        if (node is null)
        {
            errors.Add(path, "expected a value, got null");
            return null;
        }

        return Option(node, path) is { } value
            ? new ParameterSpec(trainer.Name, DistributionKind.Value, 0, 0, [value], [])
            : null;
    }

    /// <summary>One value, widened to the parameter's type and checked against what the trainer accepts.</summary>
    private ParamValue? Option(YamlNode node, string itemPath)
    {
        if (ParamValueReader.Read(node, itemPath, errors) is not { } read)
        {
            return null;
        }

        var value = trainer.Normalize(read);
        if (trainer.Check(value) is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }

        return value;
    }

    private (double Value, string Text)? Bound(YamlNode node, string which, DistributionKind kind)
    {
        var value = node is YamlScalarNode scalar ? YamlScalars.ToParamValue(scalar) : null;
        if (value is null || !value.IsNumeric)
        {
            errors.Add(path, $"{which} bound must be a number, got {YamlScalars.Describe(node)}");
            return null;
        }

        if (kind == DistributionKind.Int && value.Kind != ParamKind.Integer)
        {
            errors.Add(path, $"{which} bound must be a whole number, got {YamlScalars.Describe(node)}");
            return null;
        }

        return (value.Number, ((YamlScalarNode)node).Value ?? "");
    }
}
