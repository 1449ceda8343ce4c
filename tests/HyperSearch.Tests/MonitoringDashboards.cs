using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HyperSearch.Tests;

/// <summary>The PromQL of the Grafana dashboards in dashboards/, read from their JSON as Grafana would.</summary>
public static partial class DashboardFile
{
    public static readonly string[] Files = ["hypersearch-overview.json", "hypersearch-cluster.json"];

    public sealed record class PanelQuery(string Dashboard, string Panel, string RefId, string Expression);

    public sealed record class Variable(string Name, string Type, string? Query, bool IncludeAll);

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(RepoFiles.PathOf("dashboards", file)))!.AsObject();

    /// <summary>Every panel (rows' nested panels included) that is not a row.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray().Select(p => p!.AsObject()))
        {
            if ((string?)panel["type"] == "row")
            {
                foreach (var nested in panel["panels"]?.AsArray() ?? [])
                {
                    yield return nested!.AsObject();
                }
            }
            else
            {
                yield return panel;
            }
        }
    }

    public static IEnumerable<PanelQuery> Queries(string file)
    {
        var dashboard = Load(file);
        foreach (var panel in Panels(dashboard))
        {
            foreach (var target in panel["targets"]?.AsArray() ?? [])
            {
                if ((string?)target!["expr"] is { Length: > 0 } expr)
                {
                    yield return new PanelQuery((string)dashboard["title"]!, (string)panel["title"]!, (string)target["refId"]!, expr);
                }
            }
        }
    }

    public static IEnumerable<Variable> Variables(string file) =>
        Load(file)["templating"]!["list"]!.AsArray().Select(v => new Variable(
            (string)v!["name"]!,
            (string)v["type"]!,
            v["query"] is JsonObject q ? (string?)q["query"] : v["query"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)v["query"] : null,
            (bool?)v["includeAll"] ?? false));

    /// <summary>
    /// Replaces Grafana's variables ($name, ${name}, [[name]]) the way Grafana would with the given
    /// values (built-ins such as $__rate_interval included). An unknown variable fails the test.
    /// </summary>
    public static string Substitute(string expression, IReadOnlyDictionary<string, string> values)
    {
        var result = VariablePattern().Replace(expression, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value
                : m.Groups["bracketed"].Success ? m.Groups["bracketed"].Value
                : m.Groups["plain"].Value;
            Assert.True(values.TryGetValue(name, out var value), $"no value for dashboard variable ${name} in: {expression}");
            return value!;
        });
        return result;
    }

    /// <summary>label_values(selector, label) as a query whose series carry the label's values.</summary>
    public static string LabelValuesQuery(string variableQuery)
    {
        var match = LabelValuesPattern().Match(variableQuery.Trim());
        Assert.True(match.Success, $"unsupported variable query: {variableQuery}");
        return $"count by ({match.Groups["label"].Value}) ({match.Groups["selector"].Value})";
    }

    [GeneratedRegex(@"\$\{(?<braced>\w+)(:\w+)?\}|\[\[(?<bracketed>\w+)\]\]|\$(?<plain>\w+)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\s*\)$")]
    private static partial Regex LabelValuesPattern();
}
