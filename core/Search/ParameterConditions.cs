using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>Evaluates a parameter's <c>when</c> against the values chosen so far for a configuration.</summary>
public static class ParameterConditions
{
    /// <summary>
    /// True when every condition holds: the named parameter was chosen (it may itself be inactive,
    /// and then the condition fails) and its value is one of the listed ones.
    /// </summary>
    public static bool IsActive(this ParameterSpec parameter, IReadOnlyDictionary<string, ParamValue> chosen) =>
        parameter.When.All(condition =>
            chosen.TryGetValue(condition.Parameter, out var value)
            && condition.Values.Any(allowed => allowed.SameAs(value)));
}
