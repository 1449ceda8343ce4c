using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// Whether a configuration lies inside a space: every parameter its <c>when</c>s activate is given
/// and within its range or options, and nothing else is given. Seed trials are checked with it, and
/// an earlier sweep's trials are kept for a warm start only when they pass.
/// </summary>
public static class SpaceMembership
{
    /// <summary>
    /// The configuration with each value in the space's own form (a range's value a number, a
    /// choice's value the option itself, fixed values filled in), or null with the first reason it
    /// is outside, e.g. "lr: 0.5 is outside [1e-05, 0.1]".
    /// </summary>
    public static Dictionary<string, ParamValue>? Normalize(IReadOnlyList<ParameterSpec> space, IReadOnlyDictionary<string, ParamValue> given, out string? reason)
    {
        var chosen = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var parameter in space)
        {
            bool active = parameter.IsActive(chosen);
            given.TryGetValue(parameter.Name, out var value);
            if (!active && value is not null)
            {
                reason = $"{parameter.Name}: given, but its condition does not hold ({Conditions(parameter)})";
                return null;
            }

            if (!active)
            {
                continue;
            }

            if (value is null && parameter.Kind == DistributionKind.Value)
            {
                value = parameter.Options[0];
            }

            if (value is null)
            {
                reason = $"{parameter.Name}: missing{(parameter.When.Length > 0 ? $" (active when {Conditions(parameter)})" : "")}";
                return null;
            }

            if (Inside(parameter, value) is not { } normalized)
            {
                reason = $"{parameter.Name}: {value} is outside {Describe(parameter)}";
                return null;
            }

            chosen[parameter.Name] = normalized;
        }

        if (given.Keys.FirstOrDefault(name => !space.Any(p => p.Name == name)) is { } unknown)
        {
            reason = $"{unknown}: not a parameter of this space";
            return null;
        }

        reason = null;
        return chosen;
    }

    private static ParamValue? Inside(ParameterSpec parameter, ParamValue value) => parameter.Kind switch
    {
        DistributionKind.Uniform or DistributionKind.LogUniform when value.IsNumeric && value.Number >= parameter.Low && value.Number <= parameter.High =>
            ParamValue.Of(value.Number),
        DistributionKind.Int when value.IsNumeric && value.Number == Math.Floor(value.Number) && value.Number >= parameter.Low && value.Number <= parameter.High =>
            ParamValue.OfInteger((long)value.Number),
        DistributionKind.Choice or DistributionKind.Value =>
            parameter.Options.FirstOrDefault(option => option.SameAs(value) || (option.IsNumeric && value.IsNumeric && option.Number == value.Number)),
        _ => null,
    };

    private static string Describe(ParameterSpec parameter) => parameter.Kind switch
    {
        DistributionKind.Choice or DistributionKind.Value => $"the options [{string.Join(", ", parameter.Options.Select(o => o.ToString()))}]",
        DistributionKind.Int => $"[{parameter.Low}, {parameter.High}] (whole numbers)",
        _ => $"[{parameter.Low.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}, {parameter.High.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}]",
    };

    private static string Conditions(ParameterSpec parameter) =>
        string.Join("; ", parameter.When.Select(c => $"{c.Parameter} in [{string.Join(", ", c.Values.Select(v => v.ToString()))}]"));
}
