using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Tests;

/// <summary>A completed sweep deletes its trials' resumable checkpoints and keeps their final ones.</summary>
public sealed class ResumeCleanupTests
{
    [Fact]
    public async Task CompletedSweep_DeletesResumableCheckpoints_KeepsTheTrialsCheckpoints()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("cleanup", slots: 2, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("cleanup-sweep");
        await sweep.Start(Specs.Small(trials: 3, epochs: 2));

        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(3));

        Assert.Equal(SweepStatus.Completed, snapshot.Status);
        var resumable = snapshot.Trials.SelectMany(t => t.ResumePoints ?? []).Select(p => p.Path).ToList();
        Assert.NotEmpty(resumable); // they were saved while the trials ran (checkpoints: every epoch by default)
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (resumable.Any(Directory.Exists) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.All(resumable, path => Assert.False(Directory.Exists(path), $"{path} outlived its completed sweep"));
        Assert.All(snapshot.Trials, t => Assert.True(File.Exists(Path.Combine(t.CheckpointPath!, CheckpointFiles.Manifest))));
    }
}
