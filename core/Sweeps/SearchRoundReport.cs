using System.Globalization;
using System.Text.Json.Nodes;
using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>Coarse-to-fine's rounds as the run summary shows them, and the warnings they raise.</summary>
public static class SearchRoundReport
{
    /// <summary>
    /// One entry per round: its trials and its ranges written as the spec writes them,
    /// e.g. <c>{"round":2,"firstTrial":6,"trials":6,"ranges":{"lr":{"loguniform":[0.0001,0.01]}},"widened":[]}</c>.
    /// </summary>
    public static JsonArray Json(IEnumerable<SearchRound> rounds) =>
        new(rounds.Select(round => (JsonNode?)new JsonObject
        {
            ["round"] = round.Round,
            ["firstTrial"] = round.FirstTrial,
            ["trials"] = round.Trials,
            ["ranges"] = Ranges(round.Space),
            ["widened"] = new JsonArray(round.Widened.Select(w => (JsonNode?)JsonValue.Create(Describe(w))).ToArray()),
        }).ToArray());

    /// <summary>
    /// A warning for every widened edge: the best value sat at the edge of a round's range, so the
    /// optimum may lie beyond it (cs231n's advice, which coarse-to-fine follows by itself).
    /// </summary>
    public static IEnumerable<string> Warnings(IEnumerable<SearchRound> rounds) =>
        rounds.SelectMany(round => round.Widened.Select(w =>
            $"coarse-to-fine round {round.Round}: the best {w.Parameter} so far ({Format(w.Best)}) lay at the {(w.Upward ? "upper" : "lower")} edge, so {Describe(w)}"
            + (w.BeyondDeclared ? ", beyond the range the spec declared: widen it there" : "")));

    private static JsonObject Ranges(IEnumerable<ParameterSpec> space)
    {
        var ranges = new JsonObject();
        foreach (var parameter in space)
        {
            JsonNode values = parameter.Kind is DistributionKind.Choice or DistributionKind.Value
                ? new JsonArray(parameter.Options.Select(o => (JsonNode?)o.ToJson()).ToArray())
                : parameter.Kind == DistributionKind.Int
                    ? new JsonArray(JsonValue.Create((long)parameter.Low), JsonValue.Create((long)parameter.High))
                    : new JsonArray(JsonValue.Create(parameter.Low), JsonValue.Create(parameter.High));
            ranges[parameter.Name] = new JsonObject { [SpecNames.Of(parameter.Kind)] = values };
        }

        return ranges;
    }

    private static string Describe(RangeWidening w) =>
        $"{w.Parameter} widened {(w.Upward ? "upward" : "downward")} from {Format(w.From)} to {Format(w.To)}";

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
