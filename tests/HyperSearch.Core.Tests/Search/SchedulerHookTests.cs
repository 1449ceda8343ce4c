using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests.Search;

/// <summary>
/// The scheduler's optional hooks, read through <see cref="ISearchScheduler"/> as the sweep book
/// reads them: schedulers that neither pause nor exchange answer with the defaults, PBT's exchange
/// is its exploit followed by its explore.
/// </summary>
public sealed class SchedulerHookTests
{
    private static readonly Dictionary<int, int> PausedAtEpochTwo = new() { [0] = 2, [1] = 2 };

    public static TheoryData<string> PlainSchedulers => ["none", "median", "asha-stop"];

    [Theory]
    [MemberData(nameof(PlainSchedulers))]
    public void PlainSchedulers_NeitherPromoteNorExchange(string name)
    {
        ISearchScheduler scheduler = name switch
        {
            "none" => NoScheduler.Instance,
            "median" => new MedianStoppingScheduler(graceEpochs: 1),
            _ => new AshaScheduler(graceEpochs: 1, reductionFactor: 2, maxEpochs: 8),
        };

        Assert.Null(scheduler.NextPromotion(PausedAtEpochTwo));
        Assert.True(scheduler.PromotesBeforeNewTrials);
        Assert.False(scheduler.ExchangesAt(2));
        Assert.Null(scheduler.Exchange(0, 2, new HashSet<int> { 1 }, _ => new Dictionary<string, ParamValue>()));
    }

    [Fact]
    public void PausingAsha_PromotesTheBestPromotableTrialThroughTheInterface()
    {
        ISearchScheduler asha = new AshaScheduler(graceEpochs: 1, reductionFactor: 2, maxEpochs: 8, SchedulerMode.Pause);
        foreach (var (trial, value) in new[] { (0, 0.9), (1, 0.1), (2, 0.5), (3, 0.05) })
        {
            asha.OnReport(trial, 1, value);
        }

        // Four results at the rung: the top floor(4/2) are promotable, and the best goes first.
        Assert.Equal(0, asha.NextPromotion(new Dictionary<int, int> { [0] = 1, [1] = 1, [2] = 1, [3] = 1 }));
        Assert.Null(asha.NextPromotion(new Dictionary<int, int> { [1] = 1, [3] = 1 }));
        Assert.True(asha.PromotesBeforeNewTrials);
        Assert.False(asha.ExchangesAt(1));
    }

    [Fact]
    public void Pbt_ExchangeIsExploitThenExplore_AtIntervalEpochsOnly()
    {
        ParameterSpec[] space = [new("lr", DistributionKind.LogUniform, 1e-4, 1e-1, [], [])];
        var pbt = new PbtScheduler(intervalEpochs: 2, quantile: 0.25, resampleProbability: 0.25, seed: 1, space);
        ISearchScheduler scheduler = pbt;
        for (var trial = 0; trial < 8; trial++)
        {
            scheduler.OnReport(trial, 2, trial / 10.0); // trial 7 best, trial 0 worst
        }

        HashSet<int> all = [.. Enumerable.Range(0, 8)];
        IReadOnlyDictionary<string, ParamValue> ParametersOf(int trial) => new Dictionary<string, ParamValue> { ["lr"] = ParamValue.Of(0.001 * (trial + 1)) };

        var exchange = scheduler.Exchange(0, 2, all, ParametersOf);

        Assert.NotNull(exchange);
        Assert.Contains(exchange.Donor, new[] { 6, 7 }); // the top quarter
        Assert.Equal(pbt.Exploit(0, 2, all), exchange.Donor);
        Assert.InRange(exchange.Parameters["lr"].Number, 1e-4, 1e-1);
        Assert.NotEqual(ParametersOf(exchange.Donor)["lr"].Number, exchange.Parameters["lr"].Number); // explored, not copied
        Assert.Equal(pbt.Explore(0, 2, ParametersOf(exchange.Donor))["lr"], exchange.Parameters["lr"]);
        Assert.Null(scheduler.Exchange(5, 2, all, ParametersOf)); // not in the bottom quarter
        Assert.True(scheduler.ExchangesAt(2));
        Assert.False(scheduler.ExchangesAt(3));
        Assert.False(scheduler.PromotesBeforeNewTrials);
    }
}
