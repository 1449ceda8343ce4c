using System.Text.Json.Nodes;
using HyperSearch.Contracts;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// The explorer's sweep page at 10,000 trials: a finished sweep of zero-length trials (ASHA, up to 3
/// epochs), then page loads in a real browser, timed in the browser from navigation start to the
/// page's ready mark (table and every chart rendered): the first load (the explorer fetches every
/// trial from the sweep in pages) and warm ones (its copy is current), and a re-sort of the table.
/// </summary>
public static class ExplorerPageScenario
{
    public static async Task<JsonObject> RunAsync(int trials, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("hypersearch-bench-");
        try
        {
            await using var cluster = await BenchCluster.StartAsync([16], TimeSpan.Zero, 0, directory.FullName, null, new CallRecorder());
            var spec = BenchSpecs.Random("explorer-page", trials, 3, "{ type: asha, grace_epochs: 1, reduction_factor: 3 }");
            await SweepDriver.RunAsync(cluster.Grains, "explorer-page", spec, cluster.Slots, TimeSpan.FromMinutes(10));
            // The explorer's fetch of every trial (a fresh feed each time: cold code, then warm), apart from any page.
            var fetchMs = new List<double>();
            for (var i = 0; i < 2; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await new HyperSearch.Explorer.Data.SweepFeed(cluster.Grains, "explorer-page").GetAsync(CancellationToken.None);
                fetchMs.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await using var watcher = await ExplorerWatcher.StartAsync(cluster.Grains);
            var page = await watcher.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            var url = new Uri(watcher.Server.Address, "/sweeps/explorer-page").ToString();
            var loads = new List<double>();
            var server = new List<double>();
            var bytes = 0L;
            for (var i = 0; i < 4; i++)
            {
                var response = await page.GotoAsync(url, new() { Timeout = 120_000 });
                bytes = (await response!.BodyAsync()).Length;
                await page.WaitForSelectorAsync("body[data-ready]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 120_000 });
                loads.Add(await page.EvaluateAsync<double>("Number(document.body.dataset.ready) - performance.timeOrigin"));
                // The server's share: request sent to the first byte of the page (the explorer's fetch of the trials and its render).
                server.Add(await page.EvaluateAsync<double>("(e => e.responseStart - e.requestStart)(performance.getEntriesByType('navigation')[0])"));
            }

            var marks = await page.Locator("#scatter-pairs svg.scatter circle.mark").CountAsync();
            var lines = await page.Locator("svg.curves g.series").CountAsync();
            var sortMs = await page.EvaluateAsync<double>("(() => { const t = performance.now(); document.querySelector('#trial-table th[data-key=value]').click(); return performance.now() - t; })()");
            var figures = new JsonObject
            {
                ["trials"] = trials,
                ["firstLoadMs"] = Stats.Round(loads[0], 0),
                ["warmLoadMs"] = new JsonArray(loads.Skip(1).Select(l => (JsonNode?)Stats.Round(l, 0)).ToArray()),
                ["fetchAllTrialsMs"] = new JsonArray(fetchMs.Select(l => (JsonNode?)Stats.Round(l, 0)).ToArray()),
                ["serverMs"] = new JsonArray(server.Select(l => (JsonNode?)Stats.Round(l, 0)).ToArray()),
                ["resortMs"] = Stats.Round(sortMs, 1),
                ["pageBytes"] = bytes,
                ["scatterMarks"] = marks,
                ["curveLines"] = lines,
                ["loadAverage"] = Stats.LoadAverage(),
            };
            output.WriteLine($"explorer page at {trials} trials: first load {loads[0]:F0} ms, warm {string.Join(" / ", loads.Skip(1).Select(l => l.ToString("F0")))} ms (navigation to table and charts rendered; server {string.Join(" / ", server.Select(l => l.ToString("F0")))} ms), " +
                $"re-sort {sortMs:F1} ms; fetching every trial {string.Join(" / ", fetchMs.Select(l => l.ToString("F0")))} ms; {bytes / 1024} KiB, {marks} scatter marks, {lines} curves [load {figures["loadAverage"]}]");
            return figures;
        }
        finally
        {
            try
            {
                directory.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
