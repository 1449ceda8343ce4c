using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// How the spec reads YAML scalars. The representation model keeps every scalar as text, so typing
/// happens here, once: plain <c>42</c> is an integer, <c>1.0e-5</c> a number, <c>true</c> a flag and
/// anything else (or anything quoted) a word.
/// </summary>
internal static class YamlScalars
{
    /// <summary>True for a missing node and for YAML's nulls (<c>~</c>, <c>null</c>, or nothing at all).</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
            && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>The scalar's text, or null when the node is a mapping or a list.</summary>
    public static string? TextOf(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? "" : null;

    /// <summary>A short description of a node for "got ..." in messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value.Length: > 60 } scalar => $"'{scalar.Value[..60]}...' ({scalar.Value.Length} characters)",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an unexpected node",
    };

    /// <summary>
    /// Types a scalar as a hyperparameter value. Returns null for YAML null, which no parameter takes.
    /// Non-finite numbers (<c>.nan</c>, <c>.inf</c>) stay words so that numeric checks reject them.
    /// </summary>
    public static ParamValue? ToParamValue(YamlScalarNode scalar)
    {
        if (IsNull(scalar))
        {
            return null;
        }

        string text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return ParamValue.Of(text);
        }

        if (TryParseInteger(text, out long integer))
        {
            return ParamValue.OfInteger(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            && double.IsFinite(number))
        {
            return ParamValue.Of(number);
        }

        if (TryParseBool(text, out bool flag))
        {
            return ParamValue.Of(flag);
        }

        return ParamValue.Of(text);
    }

    public static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>YAML 1.2's core schema: true/false in any of its three spellings.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                value = true;
                return true;
            case "false" or "False" or "FALSE":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
