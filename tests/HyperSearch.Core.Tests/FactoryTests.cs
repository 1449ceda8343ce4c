using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class FactoryTests
{
    [Fact]
    public void SearcherFactory_BuildsTheStrategyTheSpecNames()
    {
        var random = TestSpecs.WithSpace("lr: { value: 0.1 }");
        var grid = TestSpecs.WithSpace("lr: { value: 0.1 }", "{ strategy: grid }");

        Assert.IsType<RandomSearcher>(SearcherFactory.Create(random));
        Assert.IsType<GridSearcher>(SearcherFactory.Create(grid));
    }

    [Fact]
    public void SearcherFactory_BuildsEveryStrategy()
    {
        var spec = TestSpecs.WithSpace("lr: { value: 0.1 }");

        Assert.IsType<CoarseToFineSearcher>(SearcherFactory.Create(spec with { Search = spec.Search with { Strategy = SearchStrategy.CoarseToFine } }));
        Assert.IsType<TpeSearcher>(SearcherFactory.Create(spec with { Search = spec.Search with { Strategy = SearchStrategy.Tpe } }));
        Assert.Equal(Enum.GetValues<SearchStrategy>(), SearcherFactory.Available);
    }

    [Fact]
    public void SchedulerFactory_NoneAlwaysContinues()
    {
        var scheduler = SchedulerFactory.Create(TestSpecs.WithSpace("lr: { value: 0.1 }"));

        Assert.IsType<NoScheduler>(scheduler);
        Assert.Equal(SchedulerDecision.Continue, scheduler.OnReport(0, 1, double.NaN));
        Assert.Equal(SchedulerDecision.Continue, scheduler.OnReport(5, 100, -1));
    }

    [Fact]
    public void SchedulerFactory_BuildsEveryScheduler()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        Assert.IsType<AshaScheduler>(SchedulerFactory.Create(spec));
        Assert.IsType<HyperbandScheduler>(SchedulerFactory.Create(spec with { Scheduler = spec.Scheduler with { Type = SchedulerType.Hyperband } }));
        Assert.IsType<MedianStoppingScheduler>(SchedulerFactory.Create(spec with { Scheduler = spec.Scheduler with { Type = SchedulerType.Median } }));
        Assert.Equal(Enum.GetValues<SchedulerType>(), SchedulerFactory.Available);
    }
}
