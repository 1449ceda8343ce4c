using System.Globalization;
using System.Text.RegularExpressions;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// Debian's Prometheus scrapes a real silo running real sweeps; every dashboard panel's PromQL must
/// show data, the counters must agree with the sweeps' own tables, and a stopped silo must fire
/// its alert.
/// </summary>
public sealed partial class MonitoringTests
{
    private const string Job = "hypersearch-silo";
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Two completed trials and one that diverges (sgd at lr 50). One trainer slot, on enough
    /// data that epochs land on several scrapes: a histogram whose every observation comes before
    /// its first scrape shows no rate, which is not what a dashboard of a real sweep looks like.
    /// </summary>
    private const string GoodSweep = """
        name: monitoring-good
        data: { dataset: fashion-mnist, train_subset: 8000, validation: 500 }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: 3, max_epochs: 3 }
        search: { strategy: grid }
        space:
          lr: { choice: [0.003, 0.01, 50.0] }
          optimizer: { choice: [sgd] }
          batch_size: { choice: [64] }
          hidden: { choice: [[64]] }
        """;

    [Fact]
    public async Task Dashboards_EveryPanelShowsDataFromARealSweep_AndCountersAgreeWithTheSweeps()
    {
        using var temp = new TempDirectory();
        var metricsPort = TestSilo.FreePort();
        await using var silo = await TestSilo.StartAsync(
            "metrics-silo", slots: 1, Path.Combine(temp.Path, "state"), leaseDuration: TimeSpan.FromSeconds(5), configure: s => s.MetricsPort = metricsPort);
        await using var prometheus = await PrometheusServer.StartAsync(Directory.CreateDirectory(Path.Combine(temp.Path, "prometheus")).FullName, [$"127.0.0.1:{metricsPort}"]);
        await prometheus.WaitForValueAsync($"up{{job=\"{Job}\"}}", 1, ScrapeTimeout);
        var began = DateTime.UtcNow;

        var good = silo.Grains.GetGrain<ISweepGrain>("monitoring-good-1");
        await good.Start(SpecParser.Parse(GoodSweep));
        // A slot that takes a trial and goes silent: its lease expires and the trial is re-queued.
        Assert.NotNull(await good.Lease("ghost/0"));

        // The second sweep arrives once Prometheus has seen the first one: its activation, storage
        // read and so on then add to series that already exist, as they would in a long-lived
        // cluster (a series that first appears at 1 shows no rate).
        await prometheus.WaitUntilAsync("sum(hypersearch_trials_started_total{sweep=\"monitoring-good\"})", v => v >= 1, "at least 1", ScrapeTimeout);
        var broken = silo.Grains.GetGrain<ISweepGrain>("monitoring-broken-1");
        // A data directory without the data set's files: every trial fails (not retried).
        await broken.Start(SpecParser.Parse(BrokenSweep(Directory.CreateDirectory(Path.Combine(temp.Path, "empty-data")).FullName)));

        var sweeps = new[] { await SweepWaiter.WaitFinishedAsync(good, SweepTimeout), await SweepWaiter.WaitFinishedAsync(broken, SweepTimeout) };
        Assert.Equal(2, sweeps[0].Count(TrialStatus.Completed));
        Assert.Equal(1, sweeps[0].Count(TrialStatus.Diverged));
        Assert.True(sweeps[0].LeaseExpiries >= 1);
        Assert.Equal(2, sweeps[1].Count(TrialStatus.Failed));

        // The counters agree with each sweep's own table, once Prometheus has scraped the last change.
        foreach (var sweep in sweeps)
        {
            var name = $"sweep=\"{sweep.Name}\"";
            foreach (var status in Enum.GetValues<TrialStatus>().Where(s => s.IsFinished()))
            {
                await prometheus.WaitForValueAsync($"sum(hypersearch_trials_ended_total{{{name}, status=\"{status.ToWireName()}\"}})", sweep.Count(status), ScrapeTimeout);
            }

            await prometheus.WaitForValueAsync($"sum(hypersearch_epochs_trained_total{{{name}}})", sweep.EpochsTrained, ScrapeTimeout);
            await prometheus.WaitForValueAsync($"sum(hypersearch_leases_expired_total{{{name}}})", sweep.LeaseExpiries, ScrapeTimeout);
            await prometheus.WaitForValueAsync($"sum(hypersearch_trials_requeued_total{{{name}, reason=\"lease_expired\"}})", sweep.LeaseExpiries, ScrapeTimeout);
            await prometheus.WaitForValueAsync($"sum(hypersearch_trials_started_total{{{name}}})", sweep.Trials.Sum(t => t.SlotHistory.Length), ScrapeTimeout);
            await prometheus.WaitForValueAsync($"sum(hypersearch_trials_queued{{{name}}})", 0, ScrapeTimeout);
            await prometheus.WaitForValueAsync($"sum(hypersearch_trial_duration_seconds_count{{{name}}})", sweep.Trials.Count(t => t.StartedUtc is not null && t.Status.IsFinished()), ScrapeTimeout);
        }

        await prometheus.WaitForValueAsync("sum(hypersearch_sanity_events_total{sweep=\"monitoring-good\", check=\"divergence\"})", 1, ScrapeTimeout);
        await prometheus.WaitForValueAsync("hypersearch_objective_best{sweep=\"monitoring-good\", objective=\"val_accuracy\"}", sweeps[0].Best()!.Metric("val_accuracy")!.Value, ScrapeTimeout);
        Assert.Null(await prometheus.ScalarAsync("hypersearch_objective_best{sweep=\"monitoring-broken\"}"));
        await prometheus.WaitForValueAsync("sum(hypersearch_slots_total)", 1, ScrapeTimeout);
        await prometheus.WaitForValueAsync("sum(hypersearch_sweeps{status=\"completed\"})", 2, ScrapeTimeout);
        await prometheus.WaitForValueAsync("count(target_info{service_name=\"hypersearch-silo\", service_instance_id=\"metrics-silo\"})", 1, ScrapeTimeout);

        // Every query of every panel, with the variables as Grafana fills them for "All" and a range
        // that spans the sweeps, returns at least one series with a number.
        var window = $"{(int)(DateTime.UtcNow - began).TotalSeconds + 30}s";
        var variables = new Dictionary<string, string>
        {
            ["job"] = Job,
            ["sweep"] = ".*",
            ["instance"] = ".*",
            ["__rate_interval"] = window,
            ["__range"] = window,
            ["__interval"] = "5s",
        };
        var problems = new List<string>();
        var queries = DashboardFile.Files.SelectMany(DashboardFile.Queries).ToList();
        Assert.True(queries.Count >= 30, $"only {queries.Count} panel queries found");
        foreach (var query in queries)
        {
            var result = await prometheus.QueryAsync(DashboardFile.Substitute(query.Expression, variables));
            if (!result.Any(series => double.IsFinite(PrometheusServer.ValueOf(series!))))
            {
                problems.Add($"{query.Dashboard} / {query.Panel} / {query.RefId}: {(result.Count == 0 ? "no series" : "no finite value")}: {query.Expression}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {queries.Count} panel queries show no data:\n{string.Join('\n', problems)}");

        // The template variables list our job, sweeps and silo.
        foreach (var variable in DashboardFile.Files.SelectMany(DashboardFile.Variables).Where(v => v.Type == "query"))
        {
            var result = await prometheus.QueryAsync(DashboardFile.Substitute(DashboardFile.LabelValuesQuery(variable.Query!), variables));
            var values = result.Select(s => (string?)s!["metric"]![variable.Name]).ToList();
            Assert.True(values.Count > 0, $"variable ${variable.Name} ({variable.Query}) has no values");
            if (variable.Name == "sweep")
            {
                Assert.Contains("monitoring-good", values);
                Assert.Contains("monitoring-broken", values);
            }
        }

        // Every HyperSearch metric the silo exposes appears on a dashboard.
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", TestContext.Current.CancellationToken);
        var families = MetricFamily().Matches(page).Select(m => m.Groups[1].Value).Where(n => n.StartsWith("hypersearch_", StringComparison.Ordinal)).ToHashSet();
        Assert.True(families.Count >= 15, $"only {families.Count} HyperSearch metrics: {string.Join(", ", families)}");
        var everything = string.Join('\n', queries.Select(q => q.Expression));
        Assert.All(families, family => Assert.Contains(family, everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoppedSilo_FiresSiloDownAlert()
    {
        using var temp = new TempDirectory();
        var metricsPort = TestSilo.FreePort();
        var silo = await TestSilo.StartAsync("doomed-silo", slots: 0, Path.Combine(temp.Path, "state"), configure: s => s.MetricsPort = metricsPort);
        var stopped = false;
        try
        {
            // The shipped rules, with every "for:" cut to 0s so the test does not wait a minute.
            var rules = Regex.Replace(File.ReadAllText(RepoFiles.PathOf("deploy", "prometheus", "alerts.yml")), @"(?m)^(\s*)for: \S+$", "${1}for: 0s");
            var rulesPath = temp.File("alerts-now.yml", rules);
            await using var prometheus = await PrometheusServer.StartAsync(Directory.CreateDirectory(Path.Combine(temp.Path, "prometheus")).FullName, [$"127.0.0.1:{metricsPort}"], rulesPath);
            await prometheus.WaitForValueAsync($"up{{job=\"{Job}\"}}", 1, ScrapeTimeout);
            Assert.DoesNotContain(await prometheus.AlertsAsync(), a => (string?)a!["labels"]!["alertname"] == "HyperSearchSiloDown");

            await silo.DisposeAsync();
            stopped = true;

            var deadline = DateTime.UtcNow + ScrapeTimeout;
            while (true)
            {
                var alerts = await prometheus.AlertsAsync();
                var down = alerts.FirstOrDefault(a => (string?)a!["labels"]!["alertname"] == "HyperSearchSiloDown");
                if ((string?)down?["state"] == "firing")
                {
                    Assert.Equal($"127.0.0.1:{metricsPort}", (string?)down!["labels"]!["instance"]);
                    Assert.Equal("critical", (string?)down["labels"]!["severity"]);
                    Assert.Contains($"127.0.0.1:{metricsPort} is down", (string?)down["annotations"]!["summary"], StringComparison.Ordinal);
                    // Nothing else fires for a cluster that simply went away.
                    Assert.Single(alerts, a => (string?)a!["state"] == "firing");
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"HyperSearchSiloDown not firing within {ScrapeTimeout}: {alerts.ToJsonString()}\n{prometheus.Log}");
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            if (!stopped)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("*")]
    [InlineData("0.0.0.0")]
    public async Task MetricsHost_LoopbackOrEveryInterface_ServesTheScrapePage(string host)
    {
        using var temp = new TempDirectory();
        var port = TestSilo.FreePort();
        await using var silo = await TestSilo.StartAsync("host-silo", slots: 0, temp.Path, configure: s =>
        {
            s.MetricsPort = port;
            s.MetricsHost = host;
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var page = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("hypersearch_slots_total", page, StringComparison.Ordinal);
        Assert.Contains("service_instance_id=\"host-silo\"", page, StringComparison.Ordinal);
    }

    private static string BrokenSweep(string emptyDirectory) => $$"""
        name: monitoring-broken
        data: { dataset: fashion-mnist, path: {{emptyDirectory}}, train_subset: 1000, validation: 500 }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: 2, max_epochs: 1 }
        search: { strategy: random, seed: 3 }
        space:
          lr: { loguniform: [1.0e-3, 1.0e-2] }
        """;

    [GeneratedRegex(@"(?m)^# TYPE (\S+) ")]
    private static partial Regex MetricFamily();
}
