using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Search.SyntheticObjectives;

namespace HyperSearch.Core.Tests.Refinement;

/// <summary>Seed trials run first; a warm start's earlier trials make a model-based searcher's first proposals a model's.</summary>
public sealed class PriorKnowledgeSearcherTests
{
    private static readonly ParameterSpec[] TwoD = [LogUniform("lr", 1e-6, 1), Uniform("dropout", 0, 1)];

    /// <summary>A 2-D bowl: best at lr = 1e-3 (log scale) and dropout = 0.2.</summary>
    private static double Bowl(IReadOnlyDictionary<string, ParamValue> p) =>
        -Math.Pow(Math.Log10(p["lr"].Number) + 3, 2) - (10 * Math.Pow(p["dropout"].Number - 0.2, 2));

    [Fact]
    public void Seeds_ComeFirst_ThenTheSearchersOwnDrawsUnchanged()
    {
        var seeds = new[] { Seed(1e-3, 0.1), Seed(1e-2, 0.3) };
        var seeded = new PriorKnowledgeSearcher(new RandomSearcher(TwoD, 5), modelBased: false, seeds, []);
        var plain = new RandomSearcher(TwoD, 5);

        var first = seeded.Suggest(0);
        var second = seeded.Suggest(1);

        Assert.Equal([ProposalSource.Seed, ProposalSource.Seed], new[] { first.Source, second.Source });
        Assert.Equal(Describe(seeds[0].Parameters), Describe(first.Parameters!));
        Assert.Equal(Describe(seeds[1].Parameters), Describe(second.Parameters!));
        Assert.Equal(Describe(plain.Suggest(0).Parameters!), Describe(seeded.Suggest(2).Parameters!));
        Assert.Equal(Describe(plain.Suggest(3).Parameters!), Describe(seeded.Suggest(5).Parameters!));
    }

    [Fact]
    public void WarmStartedTpe_ProposesFromAModelAtOnce_ColdTpeDrawsAtRandom()
    {
        var warm = Run(new RandomSearcher(TwoD, 99), 20, Bowl).Select((r, i) => new TrialObservation(i, r.Parameters, r.Objective, 1)).ToList();

        var warmed = new PriorKnowledgeSearcher(new TpeSearcher(TwoD, 1, startupTrials: 10), modelBased: true, [], warm);
        var cold = new TpeSearcher(TwoD, 1, startupTrials: 10);

        Assert.Equal(ProposalSource.Model, warmed.Suggest(0).Source);
        Assert.Equal(ProposalSource.Random, cold.Suggest(0).Source);
    }

    [Fact]
    public void RandomSearch_IgnoresAWarmStart()
    {
        var warm = Run(new RandomSearcher(TwoD, 99), 20, Bowl).Select((r, i) => new TrialObservation(i, r.Parameters, r.Objective, 1)).ToList();

        var warmed = new PriorKnowledgeSearcher(new RandomSearcher(TwoD, 1), modelBased: false, [], warm);

        Assert.Equal(Describe(new RandomSearcher(TwoD, 1).Suggest(0).Parameters!), Describe(warmed.Suggest(0).Parameters!));
    }

    /// <summary>
    /// The claim a warm start makes: started from an earlier 30-trial random sweep, TPE reaches the
    /// best a cold TPE finds in 30 trials in fewer trials of its own (mean over 20 seeds).
    /// </summary>
    [Fact]
    public void WarmStartedTpe_ReachesTheColdBest_InFewerTrials_Over20Seeds()
    {
        const int Budget = 30;
        double coldTrials = 0;
        double warmTrials = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var cold = Run(new TpeSearcher(TwoD, seed, startupTrials: 10), Budget, Bowl);
            double target = cold.Max(r => r.Objective);
            var earlier = Run(new RandomSearcher(TwoD, seed + 1000), Budget, Bowl).Select((r, i) => new TrialObservation(i, r.Parameters, r.Objective, 1)).ToList();
            var warm = Run(new PriorKnowledgeSearcher(new TpeSearcher(TwoD, seed, startupTrials: 10), modelBased: true, [], earlier), Budget, Bowl);

            coldTrials += TrialsToReach(cold, target);
            warmTrials += TrialsToReach(warm, target);
        }

        Assert.True(warmTrials < coldTrials * 0.8, $"mean trials to the cold best: warm {warmTrials / 20:F1}, cold {coldTrials / 20:F1}");
    }

    private static int TrialsToReach(List<(IReadOnlyDictionary<string, ParamValue> Parameters, double Objective)> run, double target)
    {
        int index = run.FindIndex(r => r.Objective >= target);
        return index < 0 ? run.Count + 1 : index + 1;
    }

    private static SeedTrial Seed(double lr, double dropout) => new(new() { ["lr"] = ParamValue.Of(lr), ["dropout"] = ParamValue.Of(dropout) });
}
