using Microsoft.Playwright;

namespace HyperSearch.Tests.Explorer;

/// <summary>Debian's chromium, headless, through Playwright: nothing downloads a browser (`playwright install` is never called).</summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium (apt-get install --no-install-recommends chromium; run-tests does)");
        }

        var playwright = await Playwright.CreateAsync();
        // Root in containers needs --no-sandbox.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        return (playwright, browser);
    }

    /// <summary>Waits until the page's script has rendered it (it stamps body[data-ready]).</summary>
    public static Task ReadyAsync(IPage page) => page.WaitForSelectorAsync("body[data-ready]", new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
}
