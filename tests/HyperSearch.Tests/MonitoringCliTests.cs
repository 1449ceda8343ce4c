namespace HyperSearch.Tests;

/// <summary>`hypersearch run --metrics-port`: the embedded silo serves Prometheus metrics only when asked.</summary>
public sealed class MonitoringCliTests
{
    [Fact]
    public async Task Run_WithMetricsPort_ServesTheSweepsMetricsWhileItRuns()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 4, epochs: 2));
        var port = TestSilo.FreePort();

        var run = Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(4), "run", spec, "--json", "--slots", "1", "--metrics-port", $"{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string? seen = null;
        while (!run.IsCompleted && seen is null)
        {
            try
            {
                var page = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);
                if (page.Split('\n').Any(l => l.StartsWith("hypersearch_trials_started_total{", StringComparison.Ordinal) && l.Contains("sweep=\"small\"", StringComparison.Ordinal)))
                {
                    seen = page;
                }
            }
            catch (HttpRequestException)
            {
                // The silo is not up yet, or already gone.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var result = await run;
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.NotNull(seen);
        Assert.Contains("service_name=\"hypersearch-silo\"", seen, StringComparison.Ordinal);
        Assert.Contains("service_instance_id=\"embedded-", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithBadMetricsPort_IsAUserError()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 1, epochs: 1));

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(60), "run", spec, "--metrics-port", "70000");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--metrics-port", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
