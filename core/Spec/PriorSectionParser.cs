using HyperSearch.Search;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>Reads what a sweep starts from besides its space: <c>warm_start:</c> (earlier sweeps) and <c>seed_trials:</c> (configurations to run first).</summary>
internal static class PriorSectionParser
{
    public static readonly IReadOnlyList<string> WarmStartKeys = ["sweeps"];

    public static WarmStartSpec? ReadWarmStart(MappingReader warmStart)
    {
        if (!warmStart.IsPresent)
        {
            return null;
        }

        string path = warmStart.PathOf("sweeps");
        if (warmStart.Node("sweeps") is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            warmStart.Errors.Add(path, "expected a non-empty list of sweep ids, e.g. [fmnist-20261207-230501-ab12]");
            return null;
        }

        var ids = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (YamlScalars.TextOf(list.Children[i])?.Trim() is not { Length: > 0 and <= SpecLimits.NameLength * 2 } id || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or '\\'))
            {
                warmStart.Errors.Add($"{path}[{i}]", "expected a sweep id (no spaces or slashes)");
                continue;
            }

            ids.Add(id);
        }

        return ids.Count == list.Children.Count ? new WarmStartSpec(ids.Distinct(StringComparer.Ordinal).ToArray()) : null;
    }

    /// <summary>Each entry a mapping of parameter names to values, checked against <paramref name="space"/>.</summary>
    public static SeedTrial[]? ReadSeedTrials(YamlNode? node, IReadOnlyList<ParameterSpec> space, SpecErrorList errors)
    {
        const string Path = "seed_trials";
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            errors.Add(Path, "expected a non-empty list of configurations, e.g. [{ lr: 1.0e-3, optimizer: adam }]");
            return null;
        }

        var seeds = new List<SeedTrial>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            string entryPath = $"{Path}[{i}]";
            var entry = MappingReader.Open(list.Children[i], entryPath, knownKeys: null, errors);
            var given = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
            foreach (var (name, valueNode) in entry.Entries)
            {
                if (ParamValueReader.Read(valueNode, entry.PathOf(name), errors) is { } value)
                {
                    given[name] = value;
                }
            }

            if (!entry.IsPresent || given.Count != entry.Entries.Count())
            {
                continue; // the reader said what is wrong with it
            }

            if (SpaceMembership.Normalize(space, given, out var reason) is { } parameters)
            {
                seeds.Add(new SeedTrial(parameters));
            }
            else
            {
                errors.Add(entryPath, $"outside the space: {reason}");
            }
        }

        return seeds.Count == list.Children.Count ? seeds.ToArray() : null;
    }
}
