using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;

namespace HyperSearch.Tests.Explorer;

/// <summary>A silo with ExplorerPort serves the explorer itself (no console needed).</summary>
public sealed class SiloExplorerTests
{
    [Fact]
    public async Task SiloWithExplorerPort_ServesItsSweeps()
    {
        using var temp = new TempDirectory();
        var port = TestSilo.FreePort();
        await using var silo = await TestSilo.StartAsync("silo-explorer", slots: 2, temp.Path, configure: s =>
        {
            s.Trainer = TrainerKinds.Simulated;
            s.SimulatedEpochDuration = TimeSpan.Zero;
            s.ExplorerPort = port;
        });
        var sweep = silo.Grains.GetGrain<ISweepGrain>("served-by-silo");
        await sweep.Start(SpecParser.Parse(ExplorerFixture.Yaml("served", trials: 4, maxEpochs: 2, parallelism: 2)));
        await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(1));
        using var http = new HttpClient();

        var sweeps = await http.GetStringAsync($"http://127.0.0.1:{port}/", TestContext.Current.CancellationToken);
        var page = await http.GetStringAsync($"http://127.0.0.1:{port}/sweeps/served-by-silo", TestContext.Current.CancellationToken);

        Assert.Contains("data-sweep=\"served-by-silo\"", sweeps);
        Assert.Contains("data-marks=\"4\"", page);
    }
}
