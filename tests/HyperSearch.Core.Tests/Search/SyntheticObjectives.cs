using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests.Search;

/// <summary>Objectives with a known optimum, and a loop that runs a searcher against one, one trial at a time.</summary>
internal static class SyntheticObjectives
{
    public static ParameterSpec LogUniform(string name, double low, double high) => new(name, DistributionKind.LogUniform, low, high, [], []);

    public static ParameterSpec Uniform(string name, double low, double high) => new(name, DistributionKind.Uniform, low, high, [], []);

    public static ParameterSpec Int(string name, long low, long high) => new(name, DistributionKind.Int, low, high, [], []);

    public static ParameterSpec Choice(string name, params string[] options) =>
        new(name, DistributionKind.Choice, 0, 0, options.Select(ParamValue.Of).ToArray(), []);

    /// <summary>Peaks at 0 where log10(lr) = log10(<paramref name="optimum"/>); one decade off costs 1.</summary>
    public static Func<IReadOnlyDictionary<string, ParamValue>, double> LogPeak(double optimum) =>
        p => -Math.Pow(Math.Log10(p["lr"].Number) - Math.Log10(optimum), 2);

    /// <summary>
    /// Proposes and observes <paramref name="trials"/> trials in order, each observed before the next
    /// is asked for; returns the configurations with their objectives.
    /// </summary>
    public static List<(IReadOnlyDictionary<string, ParamValue> Parameters, double Objective)> Run(
        ISearcher searcher, int trials, Func<IReadOnlyDictionary<string, ParamValue>, double> objective)
    {
        var results = new List<(IReadOnlyDictionary<string, ParamValue>, double)>();
        for (int n = 0; n < trials; n++)
        {
            var suggestion = searcher.Suggest(n);
            Assert.Equal(SuggestionKind.Proposed, suggestion.Kind);
            double value = objective(suggestion.Parameters!);
            searcher.Observe(new TrialObservation(n, suggestion.Parameters!, value, 1));
            results.Add((suggestion.Parameters!, value));
        }

        return results;
    }

    public static string Describe(IReadOnlyDictionary<string, ParamValue> parameters) =>
        string.Join(" ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToObject()}"));
}
