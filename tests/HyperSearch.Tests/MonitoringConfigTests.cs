using System.Diagnostics;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Tests;

/// <summary>The shipped Prometheus configuration and alert rules pass promtool; the Grafana files hold together.</summary>
public sealed class MonitoringConfigTests
{
    private static string PrometheusDir => RepoFiles.PathOf("deploy", "prometheus");

    [Fact]
    public async Task Promtool_AcceptsTheScrapeConfig()
    {
        var (code, output) = await PromtoolAsync("check", "config", "prometheus.yml");
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_AcceptsTheAlertRules()
    {
        var (code, output) = await PromtoolAsync("check", "rules", "alerts.yml");
        Assert.True(code == 0, output);
        Assert.Contains("4 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_AlertRuleUnitTestsPass()
    {
        // Each alert fires on the series that should fire it, and stays quiet on look-alikes.
        var (code, output) = await PromtoolAsync("test", "rules", "alerts.test.yml");
        Assert.True(code == 0, output);
    }

    [Fact]
    public void GrafanaProvisioning_DefinesAPrometheusSourceAndAFileProvider()
    {
        var source = Yaml("datasources", "hypersearch-prometheus.yml")["datasources"][0];
        Assert.Equal("prometheus", source["type"].ToString());
        Assert.StartsWith("http://", source["url"].ToString(), StringComparison.Ordinal);

        var provider = Yaml("dashboards", "hypersearch.yml")["providers"][0];
        Assert.Equal("file", provider["type"].ToString());
        Assert.StartsWith("/", provider["options"]["path"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboards_AreWellFormedGrafanaJson()
    {
        var uids = new HashSet<string>();
        foreach (var file in DashboardFile.Files)
        {
            var dashboard = DashboardFile.Load(file);
            Assert.True(uids.Add((string)dashboard["uid"]!), $"{file}: duplicate uid");
            Assert.False(string.IsNullOrEmpty((string?)dashboard["title"]));
            var variables = DashboardFile.Variables(file).ToList();
            Assert.Contains(variables, v => v is { Name: "datasource", Type: "datasource" });

            var ids = new HashSet<int>();
            foreach (var panel in dashboard["panels"]!.AsArray().Select(p => p!.AsObject()).Concat(DashboardFile.Panels(dashboard)).DistinctBy(p => (int)p["id"]!))
            {
                Assert.True(ids.Add((int)panel["id"]!), $"{file}: duplicate panel id {panel["id"]}");
                var grid = panel["gridPos"]!.AsObject();
                Assert.InRange((int)grid["x"]! + (int)grid["w"]!, 1, 24);
                if ((string?)panel["type"] == "row")
                {
                    continue;
                }

                Assert.Equal("${datasource}", (string?)panel["datasource"]!["uid"]);
                var targets = panel["targets"]!.AsArray();
                Assert.NotEmpty(targets);
                Assert.Equal(targets.Count, targets.Select(t => (string?)t!["refId"]).Distinct().Count());
            }
        }
    }

    private static YamlNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepoFiles.PathOf(["dashboards", "provisioning", .. path]));
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    private static async Task<(int Code, string Output)> PromtoolAsync(params string[] args)
    {
        Assert.True(File.Exists(PrometheusServer.Promtool), "promtool is missing: apt-get install -y --no-install-recommends prometheus (.ci/run installs it)");
        var start = new ProcessStartInfo(PrometheusServer.Promtool)
        {
            WorkingDirectory = PrometheusDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
