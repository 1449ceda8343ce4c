using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace HyperSearch.Core.Tests.Search;

/// <summary>Coarse-to-fine's rounds travel to clients inside the sweep snapshot.</summary>
public sealed class SearchRoundWireTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer()
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void SnapshotWithRounds_RoundTripsThroughOrleansSerializer()
    {
        var lr = new ParameterSpec("lr", DistributionKind.LogUniform, 1e-4, 1e-2, [], []);
        var round = new SearchRound(2, 3, 3, [lr], [new RangeWidening("lr", Upward: true, 9e-3, 1e-3, 1e-2, BeyondDeclared: true)]);
        var snapshot = new SweepSnapshot("s", null, SweepStatus.Running, null, DateTime.UnixEpoch, null, 0, 0, [], [round]);

        var copy = Serializer.Deserialize<SweepSnapshot>(Serializer.SerializeToArray(snapshot))!;

        var copied = Assert.Single(copy.Rounds!);
        Assert.Equal((2, 3, 3), (copied.Round, copied.FirstTrial, copied.Trials));
        Assert.Equal(lr, copied.Space.Single() with { Options = lr.Options, When = lr.When });
        Assert.Equal(round.Widened.Single(), copied.Widened.Single());
    }
}
