using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests;

/// <summary>
/// The idle slots' own poll (<see cref="SiloSettings.IdlePollInterval"/>) finds work that no offer
/// brought: the silo's trainer host is taken off the registry's list, so a started sweep is offered
/// to nobody, and only the poll can start its trials.
/// </summary>
public sealed class IdlePollTests
{
    [Fact]
    public async Task SweepOfferedToNoSilo_IsFoundByTheIdlePoll()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("poller", slots: 2, temp.Path, configure: settings =>
        {
            settings.Trainer = TrainerKinds.Simulated;
            settings.SimulatedEpochDuration = TimeSpan.Zero;
            settings.IdlePollInterval = TimeSpan.FromSeconds(1);
            // No renewal during the test: the host stays off the registry's list (offers disabled).
            settings.TrainerHostRenewal = TimeSpan.FromHours(1);
        });
        var registry = silo.Grains.GetGrain<ISweepRegistryGrain>(0);
        await registry.Unsubscribe("poller");
        Assert.Empty(await registry.GetTrainerHosts());

        var sweep = silo.Grains.GetGrain<ISweepGrain>("found-by-poll");
        await sweep.Start(SpecParser.Parse("""
            name: poll
            data: { dataset: synthetic }
            objective: { metric: val_accuracy, mode: max }
            budget: { trials: 6, max_epochs: 1 }
            search: { strategy: random, seed: 3 }
            space:
              lr: { loguniform: [1.0e-5, 1.0e-1] }
            """));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromSeconds(30));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        Assert.All(snapshot.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Empty(await registry.GetTrainerHosts());
    }
}
