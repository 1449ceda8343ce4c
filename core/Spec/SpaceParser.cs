using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// Reads <c>space:</c>, the parameters to search, in document order. Each entry is checked against
/// its distribution's own rules (bounds in order, log-uniform above zero) and against what the
/// trainer accepts for that parameter (its schema's <see cref="Sdk.ParameterDefinition"/>; any
/// name and value when there is no schema to check against).
/// </summary>
internal static class SpaceParser
{
    private const string Path = "space";

    public static readonly IReadOnlyList<string> EntryKeys = [.. SpecNames.Distributions.Keys, "when"];

    public static ParameterSpec[] Read(YamlNode? node, TrainerSchemaView schema, SpecErrorList errors)
    {
        if (YamlScalars.IsNull(node))
        {
            errors.Add(Path, "required: declare at least one parameter");
            return [];
        }

        var space = MappingReader.Open(node, Path, knownKeys: null, errors);
        string[] names = space.Entries.Select(entry => entry.Key).ToArray();
        if (space.IsPresent && names.Length == 0)
        {
            errors.Add(Path, "declare at least one parameter");
        }

        var soFar = new SpaceSoFar(names, schema);
        var parameters = new List<ParameterSpec>();
        foreach (var (name, entryNode) in space.Entries)
        {
            string entryPath = space.PathOf(name);
            if (schema.Find(name) is not { } trainer)
            {
                errors.Add(entryPath, $"unknown parameter (expected one of: {SpecFormat.List(schema.ParameterNames)})");
                continue;
            }

            if (ReadEntry(trainer, entryNode, entryPath, soFar, errors) is { } parameter)
            {
                soFar.Add(parameter);
                parameters.Add(parameter);
            }
        }

        return parameters.ToArray();
    }

    private static ParameterSpec? ReadEntry(ParameterRules trainer, YamlNode node, string path, SpaceSoFar soFar, SpecErrorList errors)
    {
        var entry = MappingReader.Open(node, path, EntryKeys, errors);
        if (!entry.IsPresent)
        {
            if (YamlScalars.IsNull(node))
            {
                errors.Add(path, $"needs one of: {SpecFormat.List(SpecNames.Distributions.Keys)}");
            }

            return null;
        }

        var parameter = ReadDistribution(trainer, entry, path, errors);

        // Conditions are read even when the distribution is wrong, so both kinds of mistake show at once.
        var when = entry.Contains("when")
            ? ConditionParser.Read(entry.Node("when"), entry.PathOf("when"), trainer.Name, soFar, errors)
            : [];

        return parameter is null ? null : parameter with { When = when, Bounds = ParameterBounds.Of(trainer.Definition) };
    }

    private static ParameterSpec? ReadDistribution(ParameterRules trainer, MappingReader entry, string path, SpecErrorList errors)
    {
        string[] given = SpecNames.Distributions.Keys.Where(entry.Contains).ToArray();
        if (given.Length != 1)
        {
            string distributions = SpecFormat.List(SpecNames.Distributions.Keys);
            errors.Add(path, given.Length == 0
                ? $"needs one of: {distributions}"
                : $"gives {string.Join(" and ", given)}; give exactly one of: {distributions}");
            return null;
        }

        string key = given[0];
        var kind = SpecNames.Distributions[key];
        var reader = new DistributionReader(trainer, entry.PathOf(key), errors);
        return kind switch
        {
            DistributionKind.Choice => reader.Choice(entry.Node(key)),
            DistributionKind.Value => reader.Value(entry.Node(key)),
            _ => reader.Range(kind, entry.Node(key)),
        };
    }
}
