using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>
/// The words statuses and outcomes go out as are the lower-case member names scripts and dashboards
/// already read, one for every member, none shared.
/// </summary>
public sealed class WireNamesTests
{
    [Fact]
    public void SweepStatuses_HaveTheirLowerCaseNames()
    {
        Assert.All(Enum.GetValues<SweepStatus>(), status => Assert.Equal(status.ToString().ToLowerInvariant(), status.ToWireName()));
        Assert.Equal("cancelled", SweepStatus.Cancelled.ToWireName());
    }

    [Fact]
    public void TrialStatuses_HaveTheirLowerCaseNames()
    {
        Assert.All(Enum.GetValues<TrialStatus>(), status => Assert.Equal(status.ToString().ToLowerInvariant(), status.ToWireName()));
        Assert.Equal("diverged", TrialStatus.Diverged.ToWireName());
    }

    [Fact]
    public void TrialOutcomes_HaveTheirLowerCaseNames()
    {
        Assert.All(Enum.GetValues<TrialOutcome>(), outcome => Assert.Equal(outcome.ToString().ToLowerInvariant(), outcome.ToWireName()));
        Assert.Equal("stopped", TrialOutcome.Stopped.ToWireName());
    }
}
