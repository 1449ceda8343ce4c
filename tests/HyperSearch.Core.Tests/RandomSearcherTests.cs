using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class RandomSearcherTests
{
    private static readonly SweepSpec Example = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

    [Fact]
    public void SameSeed_GivesIdenticalTrials()
    {
        var first = Draw(new RandomSearcher(Example.Space, seed: 42), 20);
        var second = Draw(new RandomSearcher(Example.Space, seed: 42), 20);

        Assert.Equal(Describe(first), Describe(second));
    }

    [Fact]
    public void DifferentSeed_GivesDifferentTrials()
    {
        var first = Draw(new RandomSearcher(Example.Space, seed: 42), 20);
        var second = Draw(new RandomSearcher(Example.Space, seed: 43), 20);

        Assert.NotEqual(Describe(first), Describe(second));
    }

    [Fact]
    public void Trial_DependsOnlyOnSeedAndTrialNumber()
    {
        var inOrder = new RandomSearcher(Example.Space, seed: 7);
        var direct = new RandomSearcher(Example.Space, seed: 7);
        var ordered = Draw(inOrder, 10);

        // Asked out of order, after an observation, trial 9 is still trial 9.
        direct.Observe(new TrialObservation(3, ordered[3], 0.5));
        Assert.Equal(Describe([ordered[9]]), Describe([direct.Suggest(9).Parameters!]));
        Assert.Equal(Describe([ordered[0]]), Describe([direct.Suggest(0).Parameters!]));
    }

    [Fact]
    public void ConsecutiveTrials_DifferFromEachOther()
    {
        var trials = Describe(Draw(new RandomSearcher(Example.Space, seed: 1), 20));

        Assert.Equal(20, trials.Distinct().Count());
    }

    [Fact]
    public void LogUniform_CoversDecadesEvenlyAndStaysInRange()
    {
        var space = TestSpecs.WithSpace("lr: { loguniform: [1.0e-5, 1.0e-1] }").Space;
        var searcher = new RandomSearcher(space, seed: 3);

        double[] draws = Enumerable.Range(0, 2000).Select(n => searcher.Suggest(n).Parameters!["lr"].Number).ToArray();

        Assert.All(draws, lr => Assert.InRange(lr, 1e-5, 1e-1));
        double belowMidpoint = draws.Count(lr => lr < 1e-3) / (double)draws.Length;
        Assert.InRange(belowMidpoint, 0.45, 0.55);

        // Each of the four decades holds about a quarter of the draws (a plain uniform would put
        // 90% in the top decade).
        for (int decade = -5; decade < -1; decade++)
        {
            double share = draws.Count(lr => lr >= Math.Pow(10, decade) && lr < Math.Pow(10, decade + 1)) / (double)draws.Length;
            Assert.InRange(share, 0.20, 0.30);
        }
    }

    [Fact]
    public void Uniform_StaysInRangeAndSpreads()
    {
        var space = TestSpecs.WithSpace("dropout: { uniform: [0.1, 0.5] }").Space;
        var searcher = new RandomSearcher(space, seed: 5);

        double[] draws = Enumerable.Range(0, 1000).Select(n => searcher.Suggest(n).Parameters!["dropout"].Number).ToArray();

        Assert.All(draws, d => Assert.InRange(d, 0.1, 0.5));
        Assert.InRange(draws.Average(), 0.28, 0.32);
    }

    [Fact]
    public void Int_ReachesBothInclusiveBounds()
    {
        var space = TestSpecs.WithSpace("kernel: { int: [3, 5] }").Space;
        var searcher = new RandomSearcher(space, seed: 11);

        var draws = Enumerable.Range(0, 300).Select(n => searcher.Suggest(n).Parameters!["kernel"]).ToArray();

        Assert.All(draws, k => Assert.Equal(ParamKind.Integer, k.Kind));
        Assert.Equal([3L, 4L, 5L], draws.Select(k => (long)k.ToObject()).Distinct().Order());
    }

    [Fact]
    public void ChoiceAndValue_DrawOnlyDeclaredOptions()
    {
        var space = TestSpecs.WithSpace("optimizer: { choice: [sgd, adam, rmsprop] }\nactivation: { value: tanh }").Space;
        var searcher = new RandomSearcher(space, seed: 2);

        var trials = Draw(searcher, 200);

        Assert.Equal(["adam", "rmsprop", "sgd"], trials.Select(t => t["optimizer"].Text).Distinct().Order());
        Assert.All(trials, t => Assert.Equal("tanh", t["activation"].Text));
    }

    [Fact]
    public void ConditionalParameter_AbsentWhenConditionFailsPresentWhenItHolds()
    {
        var trials = Draw(new RandomSearcher(Example.Space, seed: 42), 200);

        foreach (var trial in trials)
        {
            bool momentumOptimizer = trial["optimizer"].Text is "momentum" or "nesterov";
            Assert.Equal(momentumOptimizer, trial.ContainsKey("momentum"));
            Assert.Equal(trial["model"].Text == "mlp", trial.ContainsKey("hidden"));
        }

        // Both branches actually occur.
        Assert.Contains(trials, t => t.ContainsKey("momentum"));
        Assert.Contains(trials, t => !t.ContainsKey("momentum"));
        Assert.Contains(trials, t => t.ContainsKey("hidden"));
        Assert.Contains(trials, t => !t.ContainsKey("hidden"));
    }

    [Fact]
    public void NestedCondition_FailsWhenItsParentIsInactive()
    {
        var space = TestSpecs.WithSpace("""
            model: { choice: [mlp, cnn] }
            batch_norm: { choice: [true, false], when: { model: cnn } }
            kernel: { choice: [3, 5], when: { batch_norm: true } }
            """).Space;

        var trials = Draw(new RandomSearcher(space, seed: 4), 200);

        Assert.All(trials.Where(t => t["model"].Text == "mlp"), t => Assert.False(t.ContainsKey("kernel")));
        Assert.Contains(trials, t => t.ContainsKey("kernel"));
    }

    private static IReadOnlyDictionary<string, ParamValue>[] Draw(ISearcher searcher, int count) =>
        Enumerable.Range(0, count).Select(n => searcher.Suggest(n).Parameters!).ToArray();

    private static string[] Describe(IEnumerable<IReadOnlyDictionary<string, ParamValue>> trials) =>
        trials.Select(t => string.Join(" ", t.Select(p => $"{p.Key}={p.Value.ToJson().ToJsonString()}"))).ToArray();
}
