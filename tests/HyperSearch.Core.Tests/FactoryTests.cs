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
    public void SearcherFactory_RefusesUnimplementedStrategies()
    {
        var spec = TestSpecs.WithSpace("lr: { value: 0.1 }") with
        {
            Search = new SearchSpec(SearchStrategy.Tpe, 0, 3, 3, 3),
        };

        var exception = Assert.Throws<SpecException>(() => SearcherFactory.Create(spec));

        Assert.Equal("search.strategy: tpe is not available yet", exception.Message);
        Assert.Equal([SearchStrategy.Random, SearchStrategy.Grid], SearcherFactory.Available);
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
    public void SchedulerFactory_RefusesUnimplementedSchedulers()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        var exception = Assert.Throws<SpecException>(() => SchedulerFactory.Create(spec));

        Assert.Equal("scheduler.type: asha is not available yet", exception.Message);
    }
}
