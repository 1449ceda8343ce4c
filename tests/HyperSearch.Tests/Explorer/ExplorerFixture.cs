using HyperSearch.Contracts;
using HyperSearch.Explorer.Hosting;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Microsoft.Playwright;

namespace HyperSearch.Tests.Explorer;

/// <summary>
/// One real silo (simulated trainer: real grains, slots and storage, no TorchSharp), one finished
/// sweep with ASHA over a loguniform lr and weight decay, an explorer on loopback, and one browser,
/// shared by the explorer tests.
/// </summary>
public sealed class ExplorerFixture : IAsyncLifetime
{
    public const string SweepId = "explorer-sweep";
    public const int Trials = 48;
    public const int MaxEpochs = 4;

    private readonly TempDirectory _temp = new();
    private IPlaywright? _playwright;

    public TestSilo Silo { get; private set; } = null!;

    public ExplorerServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public SweepSnapshot Finished { get; private set; } = null!;

    public string StateDirectory => _temp.Path;

    public static string Yaml(string name, int trials, int maxEpochs, int parallelism) => $$"""
        name: {{name}}
        data: { dataset: synthetic }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{trials}}, max_epochs: {{maxEpochs}}, parallelism: {{parallelism}} }
        search: { strategy: random, seed: 5 }
        scheduler: { type: asha, grace_epochs: 1, reduction_factor: 2 }
        space:
          lr: { loguniform: [1.0e-5, 1.0] }
          weight_decay: { loguniform: [1.0e-6, 1.0e-2] }
          dropout: { uniform: [0.0, 0.5] }
        """;

    public async ValueTask InitializeAsync()
    {
        Silo = await TestSilo.StartAsync("explorer", slots: 4, _temp.Path, configure: s =>
        {
            s.Trainer = TrainerKinds.Simulated;
            s.SimulatedEpochDuration = TimeSpan.FromMilliseconds(50);
        });
        var sweep = Silo.Grains.GetGrain<ISweepGrain>(SweepId);
        await sweep.Start(SpecParser.Parse(Yaml("explorer", Trials, MaxEpochs, parallelism: 4)));
        Finished = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(2));
        Server = await ExplorerServer.StartAsync(Silo.Grains, new ExplorerOptions(Port: 0), CancellationToken.None);
        (_playwright, Browser) = await Explorer.Browser.LaunchAsync();
    }

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var response = await page.GotoAsync(new Uri(Server.Address, path).ToString());
        Assert.Equal(200, response!.Status);
        await Explorer.Browser.ReadyAsync(page);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        await Silo.DisposeAsync();
        _temp.Dispose();
    }
}
