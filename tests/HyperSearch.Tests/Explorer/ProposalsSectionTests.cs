using HyperSearch.Explorer.Pages;
using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Explorer;

/// <summary>The sweep page says when a model-based search's model took over, and stays quiet for other strategies.</summary>
public sealed class ProposalsSectionTests
{
    private static readonly SweepSpec Spec = Specs.Small(trials: 6);

    private static TrialRecord Trial(int number, ProposalSource source) =>
        TrialRecord.CreatePending(number, new Dictionary<string, ParamValue> { ["lr"] = ParamValue.Of(1e-3) }) with { ProposedBy = source };

    [Theory]
    [InlineData(SearchStrategy.Tpe)]
    [InlineData(SearchStrategy.Gp)]
    public void ModelBasedSweep_CountsTheSourcesAndNamesTheTakeover(SearchStrategy strategy)
    {
        var spec = Spec with { Search = Spec.Search with { Strategy = strategy } };
        TrialRecord[] trials = [Trial(0, ProposalSource.Random), Trial(1, ProposalSource.Random), Trial(2, ProposalSource.Model), Trial(3, ProposalSource.Model), Trial(4, ProposalSource.Model)];

        var html = InsightSections.Proposals(spec, trials);

        Assert.NotNull(html);
        Assert.Contains("2 random, 3 model", html);
        Assert.Contains("the model took over at t002", html);
    }

    [Fact]
    public void RandomSweep_HasNoSection()
    {
        var spec = Spec with { Search = Spec.Search with { Strategy = SearchStrategy.Random } };

        Assert.Null(InsightSections.Proposals(spec, [Trial(0, ProposalSource.Random)]));
    }
}
