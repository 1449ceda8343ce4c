using System.Text.Json;
using HyperSearch.Contracts;
using HyperSearch.Explorer.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Tests.Explorer;
using Microsoft.Playwright;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// A sweep whose parameter name, values, metric and name are markup meant to run script, shown in a
/// real browser on the live pages and in the offline report: the text must appear as text, and no
/// element or script it carries may reach the page or run.
/// </summary>
public sealed class ExplorerInjectionTests
{
    private const string Parameter = "p\"><img src=x onerror=\"window.__pwned='param'\">";
    private const string Value = "<img src=x onerror=window.__pwned='value'>";
    private const string JsonBreak = "</script><script>window.__pwned='json'</script>";
    private const string Metric = "m\"><svg onload=window.__pwned='metric'>";
    private const string Name = "<script>window.__pwned='name'</script><b onmouseover=x>";
    private const string SweepId = "hostile";

    /// <summary>What a page holds that it should not: injected elements, event-handler attributes, scripts of its own, a flag set by one.</summary>
    private const string InjectedScript = """
        () => {
          const found = [];
          if (window.__pwned !== undefined) found.push('script ran: ' + window.__pwned);
          document.querySelectorAll('img, iframe, object, embed').forEach(e => found.push('element ' + e.outerHTML));
          document.querySelectorAll('*').forEach(e => { for (const a of e.attributes) if (a.name.startsWith('on')) found.push('handler ' + e.tagName + ' ' + a.name); });
          document.querySelectorAll('script').forEach(s => { if (s.id !== 'trial-data' && !s.textContent.includes("The explorer's only script")) found.push('script ' + s.outerHTML.slice(0, 80)); });
          return found;
        }
        """;

    [Fact]
    public async Task HostileNames_AreTextInTheLivePagesAndTheReport_AndNothingRuns()
    {
        using var temp = new TempDirectory();
        temp.File("report.sh", $"cat <<'END'\n{{\"epoch\": 1, {JsonSerializer.Serialize(Metric)}: 0.5}}\nEND\n");
        var spec = SpecParser.Parse($$"""
            name: {{JsonSerializer.Serialize(Name)}}
            trainer:
              command: [sh, report.sh]
              workdir: .
              metrics: [{{JsonSerializer.Serialize(Metric)}}]
              grace: 2s
            objective: { metric: {{JsonSerializer.Serialize(Metric)}}, mode: max }
            budget: { trials: 3, max_epochs: 1 }
            search: { strategy: grid }
            space:
              {{JsonSerializer.Serialize(Parameter)}}: { choice: [{{JsonSerializer.Serialize(Value)}}, {{JsonSerializer.Serialize(JsonBreak)}}, plain] }
            """, new SpecParseOptions { BaseDirectory = temp.Path });
        await using var silo = await TestSilo.StartAsync("hostile", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>(SweepId);
        await sweep.Start(spec);
        var finished = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));
        Assert.Equal(3, finished.Trials.Count(t => t.Status == TrialStatus.Completed));
        await using var server = await ExplorerServer.StartAsync(silo.Grains, new ExplorerOptions(Port: 0), CancellationToken.None);
        var report = temp.File("report.html", await ExplorerReport.BuildAsync(silo.Grains, SweepId, CancellationToken.None));
        var (playwright, browser) = await Explorer.Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;

        var sweepPage = await OpenAsync(browser, new Uri(server.Address, "/sweeps/" + SweepId).ToString());
        await sweepPage.ClickAsync("#trial-table th:nth-child(6)"); // sorted by the hostile column: the table is built again
        await sweepPage.DispatchEventAsync("svg [data-trial]", "mouseover"); // the tooltip names every parameter
        await AssertCleanAsync(sweepPage, "sweep page");
        Assert.Contains(Parameter, await sweepPage.Locator("#trial-table th").AllTextContentsAsync());
        Assert.Contains(Value, await sweepPage.Locator("#trial-table td").AllTextContentsAsync());
        Assert.Contains(Name, await sweepPage.TitleAsync(), StringComparison.Ordinal);

        await AssertCleanAsync(await OpenAsync(browser, new Uri(server.Address, "/sweeps/" + SweepId + "/trials/0").ToString()), "trial page");
        await AssertCleanAsync(await OpenAsync(browser, server.Address.ToString()), "sweeps page");

        var offline = await OpenAsync(browser, new Uri(report).ToString());
        await offline.ClickAsync("#trial-table th:nth-child(6)");
        await AssertCleanAsync(offline, "report");
        Assert.Contains(Parameter, await offline.Locator("#trial-table th").AllTextContentsAsync());
        Assert.Contains(JsonBreak, await offline.Locator("#trial-table td").AllTextContentsAsync());
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, string url)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(url);
        await Explorer.Browser.ReadyAsync(page);
        return page;
    }

    private static async Task AssertCleanAsync(IPage page, string what)
    {
        await page.WaitForTimeoutAsync(300); // an image's onerror fires once its load fails
        var found = await page.EvaluateAsync<string[]>(InjectedScript);
        Assert.True(found.Length == 0, $"{what}: {string.Join("; ", found)}");
    }
}
