using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Ensembles;

/// <summary><c>ensemble.snapshots</c>: read from the spec (core/Spec/EnsembleSectionParser.cs) and carried to the trainer by every lease (core/Sweeps/Book/LeaseDesk.cs).</summary>
public sealed class SnapshotSpecTests
{
    private const string Restarts = "lr_schedule: { choice: [cosine, cosine_restarts] }";

    [Fact]
    public void Snapshots_AreReadWhenTheScheduleMayRestart()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(space: Restarts, extra: "ensemble: { snapshots: 3 }"));

        Assert.Equal(3, spec.Ensemble!.Snapshots);
        Assert.Equal(0, TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { top_k: 2 }")).Ensemble!.Snapshots);
    }

    [Theory]
    [InlineData("lr: { value: 0.01 }", "ensemble: { snapshots: 2 }", "ensemble.snapshots: snapshots are taken at the ends of learning-rate cycles: space.lr_schedule must be, or may be, cosine_restarts")]
    [InlineData("lr_schedule: { value: cosine }", "ensemble: { snapshots: 2 }", "ensemble.snapshots: snapshots are taken at the ends of learning-rate cycles: space.lr_schedule must be, or may be, cosine_restarts")]
    [InlineData(Restarts, "ensemble: { snapshots: -1 }", "ensemble.snapshots: must be at least 0, got -1")]
    [InlineData(Restarts, "ensemble: { snapshots: 101 }", "ensemble.snapshots: must be at most 100, got 101")]
    public void Snapshots_AreChecked(string space, string extra, string expected) =>
        Assert.Equal([expected], TestSpecs.Errors(TestSpecs.Minimal(space: space, extra: extra)));

    [Fact]
    public void Lease_CarriesTheSnapshotCount()
    {
        var spec = SweepSpecWith(trials: 2) with { Ensemble = new EnsembleSpec(2, EnsembleMethod.Greedy, false, Snapshots: 2) };

        var lease = Book(spec).Lease("slot/0", T0)!;
        var plain = Book(SweepSpecWith(trials: 2)).Lease("slot/0", T0)!;

        Assert.Equal(2, lease.Snapshots);
        Assert.Equal(0, plain.Snapshots);
    }
}
