using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>Turns spec text into one YAML node tree, reporting syntax errors by line and column.</summary>
internal static class YamlDocumentLoader
{
    /// <summary>The root node, or null for an empty document.</summary>
    public static YamlNode? Load(string yamlText)
    {
        var scanner = new Scanner(new StringReader(yamlText), skipComments: true);
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(scanner)));
        }
        catch (YamlException ex)
        {
            throw SyntaxError(ex.Start, ex.Message);
        }
        catch (ArgumentException)
        {
            // YamlDotNet 18 throws this for an alias (*name) whose anchor (&name) it has not seen.
            throw SyntaxError(scanner.CurrentPosition, "malformed YAML here (an alias *name needs an anchor &name before it)");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18 throws this, with no position, for some unterminated flow collections
            // such as "{ trials: 4" followed by more lines; the scanner still knows where it stopped.
            throw SyntaxError(scanner.CurrentPosition, "malformed YAML here (an unclosed { or [ above is a common cause)");
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => stream.Documents[0].RootNode,
            int count => throw new SpecException(new SpecError(
                MappingReader.SelfPath(""), $"a spec is one YAML document, found {count}")),
        };
    }

    private static SpecException SyntaxError(Mark at, string message) =>
        new(SpecError.Bounded($"line {at.Line}, column {at.Column}", $"YAML syntax error: {message}"));
}
