using HyperSearch.Search;
using HyperSearch.Spec;
using static HyperSearch.Core.Tests.Search.SyntheticObjectives;

namespace HyperSearch.Core.Tests.Search;

/// <summary>What the model-based searchers learn: from results, from trials in flight, and from curves.</summary>
public sealed class ModelSearchTests
{
    private static readonly ParameterSpec[] Branin = [Uniform("x0", -5, 10), Uniform("x1", 0, 15)];

    private static double BraninValue(IReadOnlyDictionary<string, ParamValue> p)
    {
        double x1 = p["x0"].Number, x2 = p["x1"].Number;
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - (b * x1 * x1) + (c * x1) - 6, 2) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }

    [Fact]
    public void GaussianProcess_BeatsRandomSearch_OnBranin_Over8Seeds()
    {
        var gp = new List<double>();
        var random = new List<double>();
        for (int seed = 0; seed < 8; seed++)
        {
            gp.Add(-Run(new GpSearcher(Branin, seed), 30, p => -BraninValue(p)).Max(r => r.Objective) - 0.397887);
            random.Add(-Run(new RandomSearcher(Branin, seed), 30, p => -BraninValue(p)).Max(r => r.Objective) - 0.397887);
        }

        // Median regret: the model's must be a tenth of random search's or less.
        Assert.True(Median(gp) < Median(random) / 10, $"GP {Median(gp):G3} vs random {Median(random):G3}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ConstantLiar_SpreadsProposalsMadeWhileTrialsRun(bool multivariate)
    {
        // Twenty seeds: four proposals made one after another with the earlier ones still in flight.
        double withLiar = 0, without = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            withLiar += Spread(new TpeSearcher(Branin, seed, new TpeSettings(StartupTrials: 10, Multivariate: multivariate, ConstantLiar: true)), seed);
            without += Spread(new TpeSearcher(Branin, seed, new TpeSettings(StartupTrials: 10, Multivariate: multivariate, ConstantLiar: false)), seed);
        }

        Assert.True(withLiar > without * 1.2, $"mean nearest-neighbour distance with liar {withLiar / 20:F3}, without {without / 20:F3}");
    }

    [Fact]
    public void GaussianProcessBeliever_SpreadsProposalsMadeWhileTrialsRun()
    {
        // Without beliefs the expected improvement peaks at the same place for every proposal.
        double believing = 0, without = 0;
        for (int seed = 0; seed < 8; seed++)
        {
            believing += Spread(new GpSearcher(Branin, seed, startupTrials: 10, constantLiar: true), seed);
            without += Spread(new GpSearcher(Branin, seed, startupTrials: 10, constantLiar: false), seed);
        }

        Assert.True(believing > without * 2, $"mean nearest-neighbour distance believing {believing / 8:F3}, without {without / 8:F3}");
    }

    [Fact]
    public void GaussianProcess_OnALongSweep_ModelsTheBestAndTheNewest()
    {
        // 1,000 finished trials whose objective falls with the trial number: the best are the oldest.
        var finished = Enumerable.Range(0, 1000).Select(n => new TrialObservation(n, Lr(n), -n, 1)).ToList();

        var modelled = GpSearcher.Modelled(finished).Select(o => o.TrialNumber).ToList();

        int bestShare = GpSearcher.MaxModelledTrials / 3;
        Assert.Equal(GpSearcher.MaxModelledTrials, modelled.Count);
        Assert.Equal(Enumerable.Range(0, bestShare), modelled.Take(bestShare));
        Assert.Equal(Enumerable.Range(1000 - (GpSearcher.MaxModelledTrials - bestShare), GpSearcher.MaxModelledTrials - bestShare), modelled.Skip(bestShare));
        var few = finished.Take(GpSearcher.MaxModelledTrials).ToList();
        Assert.Same(few, GpSearcher.Modelled(few));
    }

    [Fact]
    public void MultiFidelity_RanksTrialsAtTheDeepestEpochEnoughReached()
    {
        // One parameter: dimensions + 3 = 4 trials at epoch 3 make epoch 3 the fidelity.
        var observed = new List<TrialObservation>();
        for (int n = 0; n < 4; n++)
        {
            observed.Add(Observation(n, [0.1, 0.2, 0.3 + (0.1 * n)]));
        }

        // A trial stopped at epoch 1 with a higher figure than anyone's epoch 3 still ranks below them.
        observed.Add(Observation(4, [0.95]));
        var (good, bad) = TpeHistory.Split(observed, [], 1, new TpeSettings(GoodShare: 0.2));

        Assert.Equal([3], good.Select(p => p.TrialNumber));
        Assert.Contains(4, bad.Select(p => p.TrialNumber));
    }

    [Fact]
    public void TrialsInFlight_WithACurveAtTheFidelity_CountAsResults_OthersAsLiars()
    {
        var observed = Enumerable.Range(0, 4).Select(n => Observation(n, [0.1, 0.2 + (0.01 * n)])).ToList();
        var inFlight = new List<PendingTrial> { new(4, Lr(4), [0.5, 0.9]), new(5, Lr(5), [0.99]) };

        var (good, bad) = TpeHistory.Split(observed, inFlight, 1, new TpeSettings(GoodShare: 0.2));

        Assert.Equal([4], good.Select(p => p.TrialNumber));
        Assert.Contains(5, bad.Select(p => p.TrialNumber));
    }

    [Fact]
    public void OlderObservations_WeighLess_PastTheNewest25()
    {
        var observed = Enumerable.Range(0, 60).Select(n => new TrialObservation(n, Lr(n), -n, 1)).ToList();

        var (_, bad) = TpeHistory.Split(observed, [], 1, new TpeSettings());

        var byAge = bad.OrderBy(p => p.TrialNumber).ToList();
        Assert.True(byAge[0].Weight < byAge[10].Weight);
        Assert.All(byAge.TakeLast(TpeHistory.FullWeightCount), p => Assert.Equal(1.0, p.Weight));
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(60, 6)]
    [InlineData(1000, 25)]
    public void GoodSet_GrowsWithTheObservations_UpToACap(int observations, int good) =>
        Assert.Equal(good, new TpeSettings().GoodCount(observations));

    private static double Spread(ISearcher searcher, int seed)
    {
        var random = new RandomSearcher(Branin, seed + 1000);
        for (int n = 0; n < 20; n++)
        {
            var p = random.Suggest(n).Parameters!;
            searcher.Observe(new TrialObservation(n, p, -BraninValue(p), 1));
        }

        var inFlight = new List<PendingTrial>();
        for (int n = 20; n < 24; n++)
        {
            var p = searcher.Suggest(n, inFlight).Parameters!;
            inFlight.Add(new PendingTrial(n, p, []));
        }

        // Mean distance of each proposal to its nearest other proposal, in units of each range.
        double Distance(PendingTrial a, PendingTrial b) => Math.Sqrt(
            Math.Pow((a.Parameters["x0"].Number - b.Parameters["x0"].Number) / 15, 2) + Math.Pow((a.Parameters["x1"].Number - b.Parameters["x1"].Number) / 15, 2));
        return inFlight.Average(a => inFlight.Where(b => b != a).Min(b => Distance(a, b)));
    }

    private static Dictionary<string, ParamValue> Lr(int n) => new() { ["lr"] = ParamValue.Of(Math.Pow(10, -5 + (n * 0.05))) };

    private static TrialObservation Observation(int n, double[] curve) => new(n, Lr(n), curve[^1], curve.Length, curve);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
