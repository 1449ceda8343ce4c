namespace HyperSearch.Spec;

/// <summary>One <c>space:</c> entry in flow style, e.g. <c>{ uniform: [0.5, 0.9], when: { optimizer: ["momentum"] } }</c>.</summary>
internal static class SpaceYaml
{
    public static string Entry(ParameterSpec parameter)
    {
        string distribution = parameter.Kind switch
        {
            DistributionKind.Uniform or DistributionKind.LogUniform =>
                $"{SpecNames.Of(parameter.Kind)}: [{YamlText.Number(parameter.Low)}, {YamlText.Number(parameter.High)}]",
            DistributionKind.Int => $"int: [{YamlText.Integer((long)parameter.Low)}, {YamlText.Integer((long)parameter.High)}]",
            DistributionKind.Choice => $"choice: {YamlText.List(parameter.Options.Select(YamlText.Value))}",
            DistributionKind.Value => $"value: {YamlText.Value(parameter.Options[0])}",
            _ => throw new InvalidOperationException($"unknown distribution {parameter.Kind}"),
        };
        if (parameter.When.Length == 0)
        {
            return $"{{ {distribution} }}";
        }

        var when = string.Join(", ", parameter.When.Select(c => $"{c.Parameter}: {YamlText.List(c.Values.Select(YamlText.Value))}"));
        return $"{{ {distribution}, when: {{ {when} }} }}";
    }
}
