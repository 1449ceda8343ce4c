using HyperSearch.Contracts;
using HyperSearch.Explorer.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Microsoft.Playwright;

namespace HyperSearch.Tests.Explorer;

/// <summary>The explorer in a real browser (Debian's chromium), over a real silo and a real sweep.</summary>
public sealed class ExplorerBrowserTests(ExplorerFixture fixture) : IClassFixture<ExplorerFixture>
{
    private const string SweepPath = "/sweeps/" + ExplorerFixture.SweepId;

    [Fact]
    public async Task SweepsPage_ListsTheRealSweep()
    {
        var page = await fixture.OpenAsync("/");

        var row = page.Locator($"tr.sweep-row[data-sweep='{ExplorerFixture.SweepId}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal("completed", await row.GetAttributeAsync("data-status"));
        Assert.Contains($"{ExplorerFixture.Trials} / {ExplorerFixture.Trials} finished", await row.InnerTextAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Scatter_HasOneMarkPerTrialWithAValue_OnLogAxesForLoguniformParameters()
    {
        var page = await fixture.OpenAsync(SweepPath);
        var withValue = fixture.Finished.Trials.Count(t => t.ObjectiveValue(fixture.Finished.Spec!.Objective) is { } v && double.IsFinite(v));

        var scatter = page.Locator("#scatter-pairs svg.scatter");
        Assert.Equal("lr", await scatter.GetAttributeAsync("data-x"));
        Assert.Equal("weight_decay", await scatter.GetAttributeAsync("data-y"));
        Assert.Equal("log", await scatter.GetAttributeAsync("data-x-scale"));
        Assert.Equal("log", await scatter.GetAttributeAsync("data-y-scale"));
        Assert.Equal(withValue, await scatter.Locator("circle.mark").CountAsync());
        Assert.True(withValue >= ExplorerFixture.Trials - 1, $"only {withValue} trials have a value");
        Assert.Contains("1e-3", await scatter.Locator("text.tick-label.x").AllTextContentsAsync());

        // Another pair, chosen in the page, comes from the server: dropout is uniform, so linear.
        await page.SelectOptionAsync("#scatter-x", "dropout");
        await page.WaitForSelectorAsync("#scatter-pairs svg.scatter[data-x='dropout']");
        Assert.Equal("linear", await page.Locator("#scatter-pairs svg.scatter").GetAttributeAsync("data-x-scale"));
        Assert.Equal(withValue, await page.Locator("#scatter-pairs svg.scatter circle.mark").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Curves_OneLinePerTrialWithAsManyPointsAsItsEpochs()
    {
        var page = await fixture.OpenAsync(SweepPath);

        var series = page.Locator("svg.curves g.series");
        var drawn = new Dictionary<string, int>();
        for (var i = 0; i < await series.CountAsync(); i++)
        {
            var line = series.Nth(i);
            drawn[(await line.GetAttributeAsync("data-trial"))!] = int.Parse((await line.Locator("polyline").GetAttributeAsync("data-points"))!);
        }

        var expected = fixture.Finished.Trials.Where(t => t.Epochs.Length > 0).ToDictionary(t => t.TrialId, t => t.Epochs.Length);
        Assert.Equal(expected.OrderBy(e => e.Key), drawn.OrderBy(e => e.Key));
        // ASHA cut some trials short: they are drawn as such.
        var pruned = fixture.Finished.Trials.Count(t => t.Status == TrialStatus.Pruned);
        Assert.True(pruned > 0, "the sweep pruned nothing; the test would not see a cut curve");
        Assert.Equal(pruned, await page.Locator("svg.curves g.series.cut[data-status='pruned']").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task TrialTable_SortsAndFiltersByStatus()
    {
        var page = await fixture.OpenAsync(SweepPath);

        Assert.Equal(ExplorerFixture.Trials, await page.Locator("#trial-table tr.trial-row").CountAsync());
        await page.SelectOptionAsync("#status-filter", "pruned");
        var pruned = fixture.Finished.Trials.Count(t => t.Status == TrialStatus.Pruned);
        Assert.Equal(pruned, await page.Locator("#trial-table tr.trial-row[data-status='pruned']").CountAsync());
        Assert.Equal(pruned, await page.Locator("#trial-table tr.trial-row").CountAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task CancelButton_StopsARunningSweep_AndThePageShowsItWithoutAReload()
    {
        const string id = "explorer-cancel";
        var sweep = fixture.Silo.Grains.GetGrain<ISweepGrain>(id);
        await sweep.Start(SpecParser.Parse(ExplorerFixture.Yaml("to-cancel", trials: 2000, maxEpochs: 4, parallelism: 4)));
        var page = await fixture.OpenAsync("/sweeps/" + id);
        Assert.Equal("running", await page.InnerTextAsync("#sweep-status"));
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.ClickAsync("button[data-action='cancel']");

        await page.WaitForSelectorAsync("#sweep-status:text('cancelled')", new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"), "the page reloaded");
        var snapshot = await sweep.GetSnapshot();
        Assert.Equal(SweepStatus.Cancelled, snapshot.Status);
        Assert.True(snapshot.Trials.Length < 2000);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Report_OpensWithTheNetworkBlocked_AndShowsTheSameCounts()
    {
        var output = Path.Combine(fixture.StateDirectory, "report.html");
        var cli = await Cli.RunAsync(fixture.StateDirectory, TimeSpan.FromMinutes(1), "report", ExplorerFixture.SweepId, "--output", output, "--gateway", $"127.0.0.1:{fixture.Silo.Settings.GatewayPort}");
        Assert.True(cli.ExitCode == 0, cli.StdErr);
        var live = await fixture.OpenAsync(SweepPath);

        await using var offline = await fixture.Browser.NewContextAsync(new() { Offline = true });
        var requests = new List<string>();
        await offline.RouteAsync("**/*", async route =>
        {
            // Only the file itself may load: anything else (a CDN, the explorer) is refused and noted.
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            requests.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var report = await offline.NewPageAsync();
        await report.GotoAsync(new Uri(output).AbsoluteUri);
        await Browser.ReadyAsync(report);

        Assert.Empty(requests);
        foreach (var status in new[] { "completed", "pruned", "diverged", "total" })
        {
            var selector = $".counts .count[data-status='{status}'] b";
            Assert.Equal(await live.InnerTextAsync(selector), await report.InnerTextAsync(selector));
        }

        Assert.Equal(await live.Locator("#trial-table tr.trial-row").CountAsync(), await report.Locator("#trial-table tr.trial-row").CountAsync());
        Assert.Equal(await live.Locator("svg.curves g.series").CountAsync(), await report.Locator("svg.curves g.series").CountAsync());
        Assert.Equal(
            await live.Locator("#scatter-pairs svg.scatter").GetAttributeAsync("data-marks"),
            await report.Locator("#scatter-pairs .pair:not([hidden]) svg.scatter").GetAttributeAsync("data-marks"));
        // Offline, another pair is already in the file.
        await report.SelectOptionAsync("#scatter-y", "val_accuracy");
        Assert.Equal("val_accuracy", await report.Locator("#scatter-pairs .pair:not([hidden]) svg.scatter").GetAttributeAsync("data-y"));
        await live.CloseAsync();
    }

    [Fact]
    public async Task BeyondLoopback_ARequestWithoutTheTokenIsRefused()
    {
        const string token = "s3cret-token";
        var port = TestSilo.FreePort();
        await using var server = await ExplorerServer.StartAsync(fixture.Silo.Grains, new ExplorerOptions("0.0.0.0", port, token), CancellationToken.None);
        var page = await fixture.Browser.NewPageAsync();

        var refused = await page.GotoAsync($"http://127.0.0.1:{port}/");
        var wrong = await page.GotoAsync($"http://127.0.0.1:{port}/?token=guess");
        var allowed = await page.GotoAsync($"http://127.0.0.1:{port}/?token={token}");
        var sweepPage = await page.GotoAsync($"http://127.0.0.1:{port}{SweepPath}"); // the cookie carries the token now

        Assert.Equal(401, refused!.Status);
        Assert.Equal(401, wrong!.Status);
        Assert.Equal(200, allowed!.Status);
        Assert.Equal(200, sweepPage!.Status);
        Assert.Contains("needs a token", new ExplorerOptions("0.0.0.0", port, null).Problem());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Screenshots_OfTheSweepPageAndTheReport_ArePngs()
    {
        var output = Path.Combine(fixture.StateDirectory, "shot-report.html");
        await File.WriteAllTextAsync(output, await ExplorerReport.BuildAsync(fixture.Silo.Grains, ExplorerFixture.SweepId, CancellationToken.None), TestContext.Current.CancellationToken);
        var page = await fixture.OpenAsync(SweepPath);
        var report = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await report.GotoAsync(new Uri(output).AbsoluteUri);
        await Browser.ReadyAsync(report);

        var sweepShot = await page.ScreenshotAsync(new() { FullPage = true });
        var reportShot = await report.Locator("#scatter").ScreenshotAsync();

        foreach (var shot in new[] { sweepShot, reportShot })
        {
            Assert.True(shot.Length > 10_000, $"a {shot.Length}-byte screenshot");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], shot[..4]);
        }

        if (Environment.GetEnvironmentVariable("HYPERSEARCH_UPDATE_SCREENSHOTS") == "1")
        {
            // Only on request, so a CI run leaves the tree as it found it.
            await File.WriteAllBytesAsync(RepoFiles.PathOf("docs", "explorer-sweep.png"), sweepShot, TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(RepoFiles.PathOf("docs", "explorer-report.png"), reportShot, TestContext.Current.CancellationToken);
        }

        await page.CloseAsync();
        await report.CloseAsync();
    }
}
