using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class CheckpointSpecTests
{
    [Fact]
    public void Absent_MeansACheckpointEveryEpochAndResume()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal());

        Assert.Equal(CheckpointSpec.Default, spec.Checkpoints);
        Assert.True(spec.Checkpoints!.Resume);
        Assert.Equal(1, spec.Checkpoints.EveryEpochs);
    }

    [Fact]
    public void Given_IsRead()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "checkpoints: { resume: false, every_epochs: 3 }"));

        Assert.Equal(new CheckpointSpec(Resume: false, EveryEpochs: 3), spec.Checkpoints);
    }

    [Fact]
    public void BadValues_AreOneErrorEach()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: "checkpoints: { resume: maybe, every_epochs: 0, keep: 2 }"));

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("checkpoints.resume", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("checkpoints.every_epochs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("checkpoints.keep", StringComparison.Ordinal));
    }
}
