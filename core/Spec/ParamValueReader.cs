using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// Reads one hyperparameter value from YAML: a scalar (typed by <see cref="YamlScalars"/>) or a list
/// of whole numbers such as layer widths <c>[512, 256]</c>. Used for choice options, fixed values and
/// the values a <c>when</c> condition names.
/// </summary>
internal static class ParamValueReader
{
    public static ParamValue? Read(YamlNode node, string path, SpecErrorList errors)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = YamlScalars.ToParamValue(scalar);
                if (value is null)
                {
                    errors.Add(path, "expected a value, got null");
                }

                return value;

            case YamlSequenceNode list:
                var items = new List<long>();
                foreach (var item in list.Children)
                {
                    if (item is not YamlScalarNode itemScalar
                        || YamlScalars.ToParamValue(itemScalar) is not { Kind: ParamKind.Integer } integer)
                    {
                        errors.Add(path, $"list entries must be whole numbers, got {YamlScalars.Describe(item)}");
                        return null;
                    }

                    items.Add((long)integer.Number);
                }

                return ParamValue.OfList(items);

            default:
                errors.Add(path, $"expected a value or a list of whole numbers, got {YamlScalars.Describe(node)}");
                return null;
        }
    }
}
