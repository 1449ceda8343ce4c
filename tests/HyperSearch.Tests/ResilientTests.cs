using HyperSearch.Client.Cluster;

namespace HyperSearch.Tests;

/// <summary>The console's retries while a cluster recovers: it says so each time, then returns the answer.</summary>
public sealed class ResilientTests
{
    [Fact]
    public async Task FailedCalls_AreRetried_AndEachRetryIsReported()
    {
        var calls = 0;
        var reported = new List<string>();

        var answer = await Resilient.CallAsync(
            () => ++calls < 3 ? throw new TimeoutException($"silo gone ({calls})") : Task.FromResult(42),
            TestContext.Current.CancellationToken,
            waiting: e => reported.Add(e.Message));

        Assert.Equal(42, answer);
        Assert.Equal(3, calls);
        Assert.Equal(["silo gone (1)", "silo gone (2)"], reported);
    }

    [Fact]
    public async Task PastItsPatience_TheFailureSurfaces()
    {
        var reported = 0;

        await Assert.ThrowsAsync<TimeoutException>(() => Resilient.CallAsync<int>(
            () => throw new TimeoutException("still gone"),
            TestContext.Current.CancellationToken,
            patience: TimeSpan.FromMilliseconds(1500),
            waiting: _ => reported++));

        Assert.InRange(reported, 1, 2);
    }
}
