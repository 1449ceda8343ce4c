using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>Turns spec text into one YAML node tree, reporting syntax errors by line and column.</summary>
internal static partial class YamlDocumentLoader
{
    /// <summary>The root node, or null for an empty document.</summary>
    public static YamlNode? Load(string yamlText)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException ex)
        {
            throw new SpecException(new SpecError(
                $"line {ex.Start.Line}, column {ex.Start.Column}",
                $"YAML syntax error: {WithoutPosition(ex)}"));
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => stream.Documents[0].RootNode,
            int count => throw new SpecException(new SpecError(
                MappingReader.SelfPath(""), $"a spec is one YAML document, found {count}")),
        };
    }

    // YamlDotNet prefixes its messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the path
    // already says where, so keep only the explanation.
    private static string WithoutPosition(YamlException ex)
    {
        string message = PositionPrefix().Replace(ex.Message, "");
        if (ex.InnerException is { Message.Length: > 0 } inner && !message.Contains(inner.Message, StringComparison.Ordinal))
        {
            message = $"{message} ({PositionPrefix().Replace(inner.Message, "")})";
        }

        return message;
    }

    [GeneratedRegex(@"^\(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\) - \(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
