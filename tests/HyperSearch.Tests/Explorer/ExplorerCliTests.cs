namespace HyperSearch.Tests.Explorer;

/// <summary>`hypersearch ui` and `report` as a user meets their mistakes: one line, exit 2.</summary>
public sealed class ExplorerCliTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ui_BeyondLoopbackWithoutAToken_ExitsTwoWithOneLine()
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunDotnetAsync(temp.Path, Quick, new Dictionary<string, string> { ["HYPERSEARCH_EXPLORER_TOKEN"] = "" },
            Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), "ui", "--host", "0.0.0.0", "--port", TestSilo.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("HYPERSEARCH_EXPLORER_TOKEN", line);
    }

    [Fact]
    public async Task Report_UnknownSweep_ExitsTwoAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "report.html");

        var result = await Cli.RunAsync(temp.Path, Quick, "report", "no-such-sweep", "--output", output, "--state-dir", Path.Combine(temp.Path, "state"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no sweep 'no-such-sweep'", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(output));
    }
}
