using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// Reads a parameter's <c>when:</c>. A condition may only name a choice or value parameter declared
/// earlier in the space, and only values that parameter can take: then a searcher that walks the
/// space in order always knows whether a parameter is active, and no condition is dead by typo.
/// </summary>
internal static class ConditionParser
{
    public static ParameterCondition[] Read(YamlNode? node, string path, string owner, SpaceSoFar space, SpecErrorList errors)
    {
        var when = MappingReader.Open(node, path, knownKeys: null, errors);
        var conditions = new List<ParameterCondition>();
        foreach (var (name, valuesNode) in when.Entries)
        {
            string conditionPath = when.PathOf(name);
            if (Target(name, owner, conditionPath, space, errors) is not { } target)
            {
                continue;
            }

            if (ReadValues(valuesNode, conditionPath, target, errors, space.Schema) is { } values)
            {
                conditions.Add(new ParameterCondition(name, values));
            }
        }

        return conditions.ToArray();
    }

    private static ParameterSpec? Target(string name, string owner, string path, SpaceSoFar space, SpecErrorList errors)
    {
        if (space.Declared.TryGetValue(name, out var target))
        {
            if (target.Kind is DistributionKind.Choice or DistributionKind.Value)
            {
                return target;
            }

            errors.Add(path, $"'{name}' is a {SpecNames.Of(target.Kind)} parameter; a condition can only name a choice or value parameter");
            return null;
        }

        int at = space.IndexOf(name);
        if (name == owner)
        {
            errors.Add(path, "a parameter cannot depend on itself");
        }
        else if (at > space.IndexOf(owner))
        {
            errors.Add(path, $"'{name}' is declared after '{owner}'; a condition can only name an earlier parameter");
        }
        else if (at < 0)
        {
            errors.Add(path, $"'{name}' is not a parameter of this space; a condition can only name an earlier parameter");
        }

        // Otherwise it was declared earlier but its own entry was invalid, which is reported already.
        return null;
    }

    private static ParamValue[]? ReadValues(YamlNode node, string path, ParameterSpec target, SpecErrorList errors, TrainerSchemaView schema)
    {
        var trainer = schema.Rules(target.Name);

        // A list names several values, except that a flat list of numbers for a list-valued parameter
        // (hidden: [512, 256]) is one value.
        bool oneListValue = trainer.TakesLists
            && node is YamlSequenceNode flat && flat.Children.All(child => child is YamlScalarNode);
        IReadOnlyList<YamlNode> items = node is YamlSequenceNode list && !oneListValue ? list.Children.ToArray() : [node];
        if (items.Count == 0)
        {
            errors.Add(path, "expected at least one value");
            return null;
        }

        var values = new List<ParamValue>();
        foreach (var item in items)
        {
            if (ParamValueReader.Read(item, path, errors) is not { } value)
            {
                return null;
            }

            value = trainer.Normalize(value);
            if (!target.Options.Any(option => option.SameAs(value)))
            {
                string options = SpecFormat.List(target.Options.Select(SpecFormat.Value));
                errors.Add(path, $"{SpecFormat.Value(value)} is not an option of {target.Name} (options: {options})");
                return null;
            }

            if (!values.Any(known => known.SameAs(value)))
            {
                values.Add(value);
            }
        }

        return values.ToArray();
    }
}
