using HyperSearch.Search;
using HyperSearch.Spec;
using static HyperSearch.Core.Tests.Search.SyntheticObjectives;

namespace HyperSearch.Core.Tests.Search;

/// <summary>What every searcher must hold for any seed: proposals inside the space, conditions respected, seeded runs repeatable.</summary>
public sealed class SearchPropertyTests
{
    private static readonly ParameterSpec Optimizer = Choice("optimizer", "sgd", "momentum", "adam");

    private static readonly ParameterSpec[] Mixed =
    [
        Optimizer,
        LogUniform("lr", 1e-5, 1),
        new ParameterSpec("momentum", DistributionKind.Uniform, 0.5, 0.99, [], [new ParameterCondition("optimizer", [ParamValue.Of("momentum")])]),
        new ParameterSpec("beta1", DistributionKind.Uniform, 0.8, 0.99, [], [new ParameterCondition("optimizer", [ParamValue.Of("adam")])]),
        Int("layers", 1, 6),
        new ParameterSpec("activation", DistributionKind.Value, 0, 0, [ParamValue.Of("relu")], []),
    ];

    public static TheoryData<string> Strategies => ["tpe", "tpe-independent", "gp", "random"];

    private static ISearcher Create(string strategy, int seed) => strategy switch
    {
        "tpe" => new TpeSearcher(Mixed, seed, new TpeSettings(StartupTrials: 5)),
        "tpe-independent" => new TpeSearcher(Mixed, seed, new TpeSettings(StartupTrials: 5, Multivariate: false)),
        "gp" => new GpSearcher(Mixed, seed, startupTrials: 5),
        _ => new RandomSearcher(Mixed, seed),
    };

    private static double Objective(IReadOnlyDictionary<string, ParamValue> p) =>
        -Math.Pow(Math.Log10(p["lr"].Number) + 3, 2) - (p["optimizer"].Text == "adam" ? 0 : 1) - (0.1 * Math.Abs(p["layers"].Number - 3));

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Proposals_StayInTheSpaceAndRespectConditions(string strategy)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            // Two in flight at a time, as a sweep with parallelism 2 asks.
            foreach (var proposal in RunInParallel(Create(strategy, seed), 30, 2))
            {
                Assert.InRange(proposal["lr"].Number, 1e-5, 1);
                Assert.Equal(ParamKind.Integer, proposal["layers"].Kind);
                Assert.InRange(proposal["layers"].Number, 1, 6);
                Assert.Contains(Optimizer.Options, o => o.SameAs(proposal["optimizer"]));
                Assert.Equal("relu", proposal["activation"].Text);
                Assert.Equal(proposal["optimizer"].Text == "momentum", proposal.ContainsKey("momentum"));
                Assert.Equal(proposal["optimizer"].Text == "adam", proposal.ContainsKey("beta1"));
                if (proposal.TryGetValue("momentum", out var m))
                {
                    Assert.InRange(m.Number, 0.5, 0.99);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void SeededSearch_IsReproducible(string strategy)
    {
        string Once(int seed) => string.Join("\n", RunInParallel(Create(strategy, seed), 16, 2).Select(Describe));

        Assert.Equal(Once(5), Once(5));
        Assert.NotEqual(Once(5), Once(6));
    }

    [Theory]
    [InlineData("tpe")]
    [InlineData("gp")]
    public void ModelBasedSearch_SaysWhenTheModelTookOver(string strategy)
    {
        var searcher = Create(strategy, 1);
        var sources = new List<ProposalSource>();
        for (int n = 0; n < 8; n++)
        {
            var suggestion = searcher.Suggest(n);
            sources.Add(suggestion.Source);
            searcher.Observe(new TrialObservation(n, suggestion.Parameters!, Objective(suggestion.Parameters!), 1));
        }

        Assert.Equal([.. Enumerable.Repeat(ProposalSource.Random, 5), .. Enumerable.Repeat(ProposalSource.Model, 3)], sources);
    }

    /// <summary>Proposes <paramref name="trials"/> trials with up to <paramref name="parallel"/> in flight, the oldest finishing first.</summary>
    private static List<IReadOnlyDictionary<string, ParamValue>> RunInParallel(ISearcher searcher, int trials, int parallel)
    {
        var inFlight = new Queue<PendingTrial>();
        var proposals = new List<IReadOnlyDictionary<string, ParamValue>>();
        for (int n = 0; n < trials; n++)
        {
            if (inFlight.Count >= parallel)
            {
                var done = inFlight.Dequeue();
                searcher.Observe(new TrialObservation(done.TrialNumber, done.Parameters, Objective(done.Parameters), 1));
            }

            var suggestion = searcher.Suggest(n, inFlight.ToList());
            Assert.Equal(SuggestionKind.Proposed, suggestion.Kind);
            proposals.Add(suggestion.Parameters!);
            inFlight.Enqueue(new PendingTrial(n, suggestion.Parameters!, []));
        }

        return proposals;
    }
}
