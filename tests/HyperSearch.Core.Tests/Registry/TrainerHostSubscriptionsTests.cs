using HyperSearch.Contracts;
using HyperSearch.Registry;

namespace HyperSearch.Core.Tests.Registry;

public sealed class TrainerHostSubscriptionsTests
{
    [Fact]
    public void Subscriptions_LapseUnlessRenewed_AndANewOneIsReportedAsNew()
    {
        var subscriptions = new TrainerHostSubscriptions(TimeSpan.FromSeconds(30));
        var first = new FakeHost();
        var replacement = new FakeHost();
        var now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

        Assert.True(subscriptions.Renew("s1", first, now));
        Assert.False(subscriptions.Renew("s1", first, now.AddSeconds(20)));
        Assert.True(subscriptions.Renew("s2", first, now));
        // s2 was not renewed within 30 s: it lapsed, and its next renewal is news to the registry.
        Assert.Equal(["s1"], subscriptions.Live(now.AddSeconds(45)).Select(h => h.SiloName));
        Assert.True(subscriptions.Renew("s2", first, now.AddSeconds(46)));

        // A failed offer to an old reference does not drop the silo's newer subscription.
        subscriptions.Renew("s1", replacement, now.AddSeconds(47));
        subscriptions.Remove("s1", first);
        Assert.Same(replacement, subscriptions.Live(now.AddSeconds(48)).Single(h => h.SiloName == "s1").Host);
        subscriptions.Remove("s1", replacement);
        Assert.Equal(["s2"], subscriptions.Live(now.AddSeconds(48)).Select(h => h.SiloName));
    }

    private sealed class FakeHost : ITrainerHost
    {
        public Task OfferWork(string sweepId) => Task.CompletedTask;

        public Task<TrainerSlotStatus[]> GetSlots() => Task.FromResult(Array.Empty<TrainerSlotStatus>());
    }
}
