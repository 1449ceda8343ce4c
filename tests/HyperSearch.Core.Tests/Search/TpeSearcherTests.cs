using HyperSearch.Search;
using HyperSearch.Spec;
using static HyperSearch.Core.Tests.Search.SyntheticObjectives;

namespace HyperSearch.Core.Tests.Search;

public sealed class TpeSearcherTests
{
    private static readonly ParameterSpec[] TwoD = [LogUniform("lr", 1e-6, 1), Uniform("dropout", 0, 1)];

    /// <summary>A 2-D bowl: best at lr = 1e-3 (log scale) and dropout = 0.2.</summary>
    private static double Bowl(IReadOnlyDictionary<string, ParamValue> p) =>
        -Math.Pow(Math.Log10(p["lr"].Number) + 3, 2) - (10 * Math.Pow(p["dropout"].Number - 0.2, 2));

    [Fact]
    public void BeatsRandomSearch_OnA2DObjective_AveragedOver20Seeds()
    {
        const int Budget = 40;
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            tpe += Run(new TpeSearcher(TwoD, seed, startupTrials: 10), Budget, Bowl).Max(r => r.Objective);
            random += Run(new RandomSearcher(TwoD, seed), Budget, Bowl).Max(r => r.Objective);
        }

        // Mean best objective (0 is the optimum): TPE's regret must be well below random search's.
        Assert.True(tpe / 20 > random / 20 / 2, $"TPE {tpe / 20:F4} vs random {random / 20:F4}");
    }

    [Fact]
    public void StartupTrials_AreRandomSearchsDraws()
    {
        var tpe = new TpeSearcher(TwoD, seed: 3, startupTrials: 5);
        var random = new RandomSearcher(TwoD, seed: 3);

        var tpeDraws = Run(tpe, 5, Bowl).Select(r => Describe(r.Parameters));

        Assert.Equal(Enumerable.Range(0, 5).Select(n => Describe(random.Suggest(n).Parameters!)), tpeDraws);
    }

    [Fact]
    public void SameSeedAndObservations_GiveTheSameProposals()
    {
        string RunOnce(int seed) => string.Join("\n", Run(new TpeSearcher(TwoD, seed, startupTrials: 4), 15, Bowl).Select(r => Describe(r.Parameters)));

        Assert.Equal(RunOnce(11), RunOnce(11));
        Assert.NotEqual(RunOnce(11), RunOnce(12));
    }

    [Fact]
    public void ObservationOrder_DoesNotChangeTheModel()
    {
        var first = new TpeSearcher(TwoD, seed: 1, startupTrials: 0);
        var second = new TpeSearcher(TwoD, seed: 1, startupTrials: 0);
        var random = new RandomSearcher(TwoD, seed: 99);
        var observations = Enumerable.Range(0, 8)
            .Select(n => random.Suggest(n).Parameters!)
            .Select((p, n) => new TrialObservation(n, p, Bowl(p), 1))
            .ToList();

        observations.ForEach(first.Observe);
        Enumerable.Reverse(observations).ToList().ForEach(second.Observe);

        Assert.Equal(Describe(first.Suggest(8).Parameters!), Describe(second.Suggest(8).Parameters!));
    }

    [Fact]
    public void MixedSpace_StaysInRangeAndRespectsConditions()
    {
        var optimizer = Choice("optimizer", "sgd", "momentum", "adam");
        var momentum = new ParameterSpec("momentum", DistributionKind.Uniform, 0.5, 0.99, [], [new ParameterCondition("optimizer", [ParamValue.Of("momentum")])]);
        ParameterSpec[] space = [LogUniform("lr", 1e-5, 1e-1), Int("batch_size", 16, 256), optimizer, momentum];
        var searcher = new TpeSearcher(space, seed: 4, startupTrials: 5);

        var results = Run(searcher, 40, p =>
            -Math.Abs(Math.Log10(p["lr"].Number) + 3) - Math.Abs(p["batch_size"].Number - 64) / 64
            + (p.TryGetValue("momentum", out var m) ? 1 - Math.Abs(m.Number - 0.9) : 0));

        foreach (var (parameters, _) in results)
        {
            Assert.InRange(parameters["lr"].Number, 1e-5, 1e-1);
            Assert.Equal(ParamKind.Integer, parameters["batch_size"].Kind);
            Assert.InRange(parameters["batch_size"].Number, 16, 256);
            Assert.Equal(parameters["optimizer"].Text == "momentum", parameters.ContainsKey("momentum"));
        }

        // The model learned that momentum (and the momentum optimizer) pays.
        Assert.True(results.Skip(20).Count(r => r.Parameters["optimizer"].Text == "momentum") > 10);
    }

    [Fact]
    public void DivergedTrials_CountAsBad()
    {
        var searcher = new TpeSearcher([LogUniform("lr", 1e-5, 1)], seed: 2, startupTrials: 0);
        for (int n = 0; n < 12; n++)
        {
            double lr = Math.Pow(10, -5 + (5.0 * n / 11));
            searcher.Observe(new TrialObservation(n, new Dictionary<string, ParamValue> { ["lr"] = ParamValue.Of(lr) }, lr > 1e-2 ? double.NegativeInfinity : -Math.Abs(Math.Log10(lr) + 3), 1));
        }

        var proposals = Enumerable.Range(12, 20).Select(n => searcher.Suggest(n).Parameters!["lr"].Number).ToList();

        Assert.True(proposals.Count(lr => lr > 1e-2) <= 2, string.Join(", ", proposals));
    }
}
