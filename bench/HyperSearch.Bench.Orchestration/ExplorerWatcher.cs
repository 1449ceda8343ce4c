using HyperSearch.Explorer.Hosting;
using Microsoft.Playwright;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// The explorer served from the bench's cluster and a real browser (Debian's chromium, headless) on a
/// sweep's page: the page follows the sweep over server-sent events and fetches its body again on each
/// change, as a person's tab would.
/// </summary>
public sealed class ExplorerWatcher : IAsyncDisposable
{
    private readonly ExplorerServer _server;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private IPage? _page;

    private ExplorerWatcher(ExplorerServer server, IPlaywright playwright, IBrowser browser)
    {
        _server = server;
        _playwright = playwright;
        _browser = browser;
    }

    public ExplorerServer Server => _server;

    public IBrowser Browser => _browser;

    /// <summary>How many times the page rendered (its first load and each live update; the page's script counts them).</summary>
    public async Task<int> RendersAsync() => _page is null ? 0 : await _page.EvaluateAsync<int>("window.explorerRenders || 0");

    public static async Task<ExplorerWatcher> StartAsync(IGrainFactory grains)
    {
        var server = await ExplorerServer.StartAsync(grains, new ExplorerOptions(Port: 0), CancellationToken.None);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        return new ExplorerWatcher(server, playwright, browser);
    }

    /// <summary>Opens the sweep's page as soon as the sweep exists; returns once it is open.</summary>
    public async Task WatchAsync(string sweepId)
    {
        if (_page is not null)
        {
            await _page.CloseAsync();
        }

        _page = await _browser.NewPageAsync();
        for (var attempt = 0; ; attempt++)
        {
            var response = await _page.GotoAsync(new Uri(_server.Address, "/sweeps/" + sweepId).ToString());
            if (response?.Status == 200 || attempt > 100)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }
}
