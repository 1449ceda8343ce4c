using System.Text.Json.Nodes;
using HyperSearch.Explorer.Data;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Pages;

/// <summary>The ranked trial table as JSON, which the page's script sorts, filters and shows a screenful of at a time.</summary>
public static class TrialTableData
{
    public static string Json(SweepData data)
    {
        var spec = data.Overview.Spec!;
        var ranked = data.Snapshot().Ranked();
        var rows = new JsonArray();
        for (var rank = 0; rank < ranked.Count; rank++)
        {
            var trial = ranked[rank];
            var parameters = new JsonObject();
            foreach (var (name, value) in trial.Parameters)
            {
                parameters[name] = value.ToString();
            }

            var objective = trial.ObjectiveValue(spec.Objective);
            rows.Add(new JsonObject
            {
                ["rank"] = rank + 1,
                ["n"] = trial.Number,
                ["id"] = trial.TrialId,
                ["status"] = trial.Status.ToWireName(),
                ["value"] = objective is { } v && double.IsFinite(v) ? v : null,
                ["epochs"] = trial.Epochs.Length,
                ["attempt"] = trial.Attempt,
                ["params"] = parameters,
            });
        }

        return new JsonObject
        {
            ["objective"] = spec.Objective.Metric,
            ["maximize"] = spec.Objective.Mode == HyperSearch.Spec.ObjectiveMode.Max,
            ["params"] = new JsonArray(spec.Space.Select(p => (JsonNode?)JsonValue.Create(p.Name)).ToArray()),
            ["rows"] = rows,
        }.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal); // safe inside a <script> element
    }
}
