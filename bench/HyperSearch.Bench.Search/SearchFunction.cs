using HyperSearch.Spec;

namespace HyperSearch.Bench.Search;

/// <summary>A function to minimise over a declared space, with its known minimum (regret is the gap to it).</summary>
public sealed record class SearchFunction(
    string Name,
    IReadOnlyList<ParameterSpec> Space,
    Func<IReadOnlyDictionary<string, ParamValue>, double> Evaluate,
    double Minimum);
