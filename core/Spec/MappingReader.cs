using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// Reads one YAML mapping of the spec: checks its keys against the ones it may hold and converts
/// values, reporting every problem under its full key path (<c>budget.trials</c>) instead of
/// stopping. A missing or null mapping reads as empty, so every key takes its default.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, YamlNode> _entries;

    private MappingReader(string path, SpecErrorList errors, Dictionary<string, YamlNode> entries, bool isPresent)
    {
        Path = path;
        Errors = errors;
        _entries = entries;
        IsPresent = isPresent;
    }

    /// <summary>The mapping's own key path; empty for the document root.</summary>
    public string Path { get; }

    public SpecErrorList Errors { get; }

    /// <summary>False when the mapping was absent or null (as opposed to present and empty).</summary>
    public bool IsPresent { get; }

    /// <summary>The entries in document order (space: relies on that order).</summary>
    public IEnumerable<KeyValuePair<string, YamlNode>> Entries => _entries;

    /// <summary>
    /// Opens <paramref name="node"/> as a mapping. With <paramref name="knownKeys"/> null any key is
    /// accepted (the caller checks them, as <c>space</c> does with parameter names).
    /// </summary>
    public static MappingReader Open(YamlNode? node, string path, IReadOnlyList<string>? knownKeys, SpecErrorList errors)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (YamlScalars.IsNull(node))
        {
            return new MappingReader(path, errors, entries, isPresent: false);
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add(SelfPath(path), $"expected a mapping, got {YamlScalars.Describe(node!)}");
            return new MappingReader(path, errors, entries, isPresent: false);
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                errors.Add(SelfPath(path), $"keys must be plain words, got {YamlScalars.Describe(keyNode)}");
                continue;
            }

            if (knownKeys is not null && !knownKeys.Contains(key))
            {
                errors.Add(Join(path, key), $"unknown key (expected one of: {string.Join(", ", knownKeys)})");
                continue;
            }

            entries[key] = value;
        }

        return new MappingReader(path, errors, entries, isPresent: true);
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>How a mapping is named in messages about itself; the root has no key.</summary>
    public static string SelfPath(string path) => path.Length == 0 ? "(root)" : path;

    public string PathOf(string key) => Join(Path, key);

    /// <summary>The value under <paramref name="key"/>, or null when absent or YAML null.</summary>
    public YamlNode? Node(string key) =>
        _entries.TryGetValue(key, out var node) && !YamlScalars.IsNull(node) ? node : null;

    /// <summary>Whether the key has a non-null value.</summary>
    public bool Has(string key) => Node(key) is not null;

    /// <summary>Whether the key is written at all, even with a null value.</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; null when absent or invalid.</summary>
    public int? Int(string key, int min, int max = int.MaxValue)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        string? text = YamlScalars.TextOf(node);
        if (text is null || !YamlScalars.TryParseInteger(text, out long value))
        {
            Errors.Add(PathOf(key), $"expected a whole number, got {YamlScalars.Describe(node)}");
            return null;
        }

        if (value > max)
        {
            Errors.Add(PathOf(key), $"must be at most {max}, got {value}");
            return null;
        }

        if (value < min)
        {
            Errors.Add(PathOf(key), $"must be at least {min}, got {value}");
            return null;
        }

        return (int)value;
    }

    /// <summary>Like <see cref="Int"/>, but reports a missing key.</summary>
    public int? RequiredInt(string key, int min, int max = int.MaxValue)
    {
        if (!Has(key))
        {
            Errors.Add(PathOf(key), "required");
            return null;
        }

        return Int(key, min, max);
    }

    /// <summary>Any scalar's text; null when absent or not a scalar.</summary>
    public string? Text(string key)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        string? text = YamlScalars.TextOf(node);
        if (text is null)
        {
            Errors.Add(PathOf(key), $"expected a single value, got {YamlScalars.Describe(node)}");
        }

        return text;
    }

    /// <summary>One of <paramref name="allowed"/>; <paramref name="noun"/> names what it is in messages.</summary>
    public string? Word(string key, IEnumerable<string> allowed, string noun)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            Errors.Add(PathOf(key), $"unknown {noun} '{text}' (expected one of: {string.Join(", ", allowed)})");
            return null;
        }

        return text;
    }

    public bool? Bool(string key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (!YamlScalars.TryParseBool(text, out bool value))
        {
            Errors.Add(PathOf(key), $"expected true or false, got '{text}'");
            return null;
        }

        return value;
    }
}
