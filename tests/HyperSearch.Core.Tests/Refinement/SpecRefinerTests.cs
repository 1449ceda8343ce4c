using HyperSearch.Refinement;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Refinement;

/// <summary>The next round's spec from a sweep's trials: ranges, choices, conditions, budgets, and the evidence written for each.</summary>
public sealed class SpecRefinerTests
{
    private const string Space = """
        lr: { loguniform: [1.0e-5, 1.0e-1] }
        optimizer: { choice: [sgd, momentum, nesterov, adam] }
        momentum: { uniform: [0.5, 0.99], when: { optimizer: [momentum, nesterov] } }
        dropout: { uniform: [0.0, 0.5] }
        """;

    [Fact]
    public void LogRange_NarrowsAroundTheBestInLogSpace()
    {
        // The objective peaks at lr = 3e-3, in log distance; 40 trials spread over five decades.
        var snapshot = Sweep(40, i => Params(lr: LogSpread(i, 40), optimizer: "adam"), p => -Math.Abs(Math.Log10(p["lr"].Number / 3e-3)));
        snapshot = snapshot with { Spec = snapshot.Spec! with { SeedTrials = [new SeedTrial(Params(lr: 1e-5, optimizer: "sgd"))] } };

        var refined = SpecRefiner.Refine(snapshot, new RefineRequest("parent-1"));

        var lr = refined.Spec.Space.Single(p => p.Name == "lr");
        var best = snapshot.Ranked().Take(5).Select(t => t.Parameters["lr"].Number).ToList();
        Assert.Equal(5, refined.Best);
        Assert.InRange(lr.Low, 1e-5, best.Min());
        Assert.InRange(lr.High, best.Max(), 1e-1);
        // Narrowed by more than a decade on each side, and centred on the peak in log terms:
        // the arithmetic midpoint of [1e-3, 1e-2] would be 5.5e-3, the geometric one about 3e-3.
        Assert.True(Math.Log10(lr.High / lr.Low) < 3, $"[{lr.Low}, {lr.High}]");
        Assert.InRange(Math.Sqrt(lr.Low * lr.High), 1.5e-3, 6e-3);
        // Bounds rounded outwards to 3 significant digits, written without float noise.
        Assert.All(new[] { lr.Low, lr.High }, b => Assert.True(b.ToString("R", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0', '.').Replace("E", "e", StringComparison.Ordinal).Split('e')[0].Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length <= 3, $"{b:R}"));
        var change = Assert.Single(refined.For("space.lr"));
        Assert.Equal(RefineChangeKind.Narrowed, change.Kind);
        Assert.StartsWith("best 5 of 40 trials had lr in [", change.Evidence, StringComparison.Ordinal);
        // The parent's seed (lr 1e-5) lies outside the new range: it is not carried over, so the spec still parses.
        Assert.Null(refined.Spec.SeedTrials);
        Assert.Null(SpecParser.Parse(SpecYamlWriter.Write(refined.Spec), TestSpecs.Lenient).SeedTrials);
    }

    [Fact]
    public void BestAtAnEdge_WidensThatSide()
    {
        // The higher the learning rate the better: the best sits at the top of the range.
        var snapshot = Sweep(24, i => Params(lr: LogSpread(i, 24), optimizer: "adam"), p => Math.Log10(p["lr"].Number));

        var refined = SpecRefiner.Refine(snapshot, new RefineRequest("parent-1"));

        var lr = refined.Spec.Space.Single(p => p.Name == "lr");
        Assert.True(lr.High > 1e-1, $"upper edge {lr.High}");
        Assert.True(lr.Low > 1e-5, $"lower edge {lr.Low} should narrow");
        var change = Assert.Single(refined.For("space.lr"));
        Assert.Equal(RefineChangeKind.Widened, change.Kind);
        Assert.Contains("upper edge", change.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoicesNeverAmongTheBest_AreDropped_WithTheParametersTheyGated()
    {
        // adam always wins; sgd, momentum and nesterov are each tried several times; nothing else matters.
        string[] optimizers = ["adam", "sgd", "momentum", "nesterov"];
        var snapshot = Sweep(32, i => Params(lr: 1e-3, optimizer: optimizers[i % 4], momentum: optimizers[i % 4] is "momentum" or "nesterov" ? 0.9 : null),
            p => p["optimizer"].Text == "adam" ? 1 + p["dropout"].Number : p["dropout"].Number);

        var refined = SpecRefiner.Refine(snapshot, new RefineRequest("parent-1"));

        var optimizer = refined.Spec.Space.Single(p => p.Name == "optimizer");
        Assert.Equal(["adam"], optimizer.Options.Select(o => o.Text));
        Assert.Equal(RefineChangeKind.ChoicesDropped, Assert.Single(refined.For("space.optimizer")).Kind);
        Assert.Contains("sgd (tried 8x)", Assert.Single(refined.For("space.optimizer")).Evidence, StringComparison.Ordinal);
        // momentum only exists for momentum and nesterov, both gone: it is dropped, and the spec still parses.
        Assert.DoesNotContain(refined.Spec.Space, p => p.Name == "momentum");
        Assert.Equal(RefineChangeKind.ParameterDropped, Assert.Single(refined.For("space.momentum")).Kind);
        var written = SpecParser.Parse(SpecYamlWriter.Write(refined.Spec), TestSpecs.Lenient);
        Assert.Equal(["lr", "optimizer", "dropout"], written.Space.Select(p => p.Name));
    }

    [Fact]
    public void ChoiceTriedOnce_IsKept()
    {
        // nesterov is tried once and loses, momentum never: neither is evidence enough to drop them; sgd loses 6 times.
        var snapshot = Sweep(12, i => Params(lr: 1e-3, optimizer: i == 5 ? "nesterov" : i % 2 == 0 ? "adam" : "sgd", momentum: i == 5 ? 0.9 : null),
            p => p["optimizer"].Text == "adam" ? 1 : 0);

        var refined = SpecRefiner.Refine(snapshot, new RefineRequest("parent-1"));

        Assert.Equal(["momentum", "nesterov", "adam"], refined.Spec.Space.Single(p => p.Name == "optimizer").Options.Select(o => o.Text));
        Assert.Contains(refined.Spec.Space, p => p.Name == "momentum");
        Assert.Equal(["momentum", "nesterov"], refined.Spec.Space.Single(p => p.Name == "momentum").When[0].Values.Select(v => v.Text));
    }

    [Fact]
    public void Budget_DoublesEpochsByDefault_AndTakesWhatIsAsked()
    {
        var snapshot = Sweep(8, i => Params(lr: LogSpread(i, 8), optimizer: "adam"), p => p["dropout"].Number);

        var byDefault = SpecRefiner.Refine(snapshot, new RefineRequest("parent-1"));
        var asked = SpecRefiner.Refine(snapshot, new RefineRequest("parent-1", Trials: 5, MaxEpochs: 7));

        Assert.Equal(6, byDefault.Spec.Budget.MaxEpochs);
        Assert.Equal(16, byDefault.Spec.Budget.Trials);
        Assert.Equal((5, 7), (asked.Spec.Budget.Trials, asked.Spec.Budget.MaxEpochs));
        Assert.Equal("parent-1", asked.Spec.Parent);
        Assert.Equal("refine-me-r2", asked.Spec.Name);
        Assert.Equal("budget.max_epochs", byDefault.Changes.Single(c => c.Kind == RefineChangeKind.Budget).Key);
    }

    [Fact]
    public void EpochsBelowTheGrace_AndTooFewTrials_AreRefused()
    {
        var snapshot = Sweep(8, i => Params(lr: LogSpread(i, 8), optimizer: "adam"), p => p["dropout"].Number, scheduler: "{ type: asha, grace_epochs: 2 }");
        var tooFew = Sweep(2, i => Params(lr: LogSpread(i, 2), optimizer: "adam"), p => p["dropout"].Number);

        var epochs = Assert.Throws<RefineException>(() => SpecRefiner.Refine(snapshot, new RefineRequest("p", MaxEpochs: 1)));
        var trials = Assert.Throws<RefineException>(() => SpecRefiner.Refine(tooFew, new RefineRequest("p")));

        Assert.Contains("grace_epochs", epochs.Message, StringComparison.Ordinal);
        Assert.Contains("has 2 completed or pruned trial(s)", trials.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fmnist", "fmnist-r2")]
    [InlineData("fmnist-r2", "fmnist-r3")]
    [InlineData("fmnist-r9", "fmnist-r10")]
    [InlineData("r2", "r2-r2")]
    public void NextName_CountsRounds(string name, string next) => Assert.Equal(next, SpecRefiner.NextName(name));

    private static double LogSpread(int i, int n) => Math.Pow(10, -5 + (4.0 * (i + 0.5) / n));

    private static Dictionary<string, ParamValue> Params(double lr, string optimizer, double? momentum = null)
    {
        var parameters = new Dictionary<string, ParamValue> { ["lr"] = ParamValue.Of(lr), ["optimizer"] = ParamValue.Of(optimizer) };
        if (momentum is { } m)
        {
            parameters["momentum"] = ParamValue.Of(m);
        }

        return parameters;
    }

    /// <summary>A completed sweep of <paramref name="count"/> trials (3 epochs each) scored by <paramref name="score"/> (val_accuracy, max).</summary>
    private static SweepSnapshot Sweep(int count, Func<int, Dictionary<string, ParamValue>> parameters, Func<Dictionary<string, ParamValue>, double> score, string scheduler = "{ type: none }")
    {
        var spec = SpecParser.Parse(TestSpecs.Minimal(space: Space, budget: "{ trials: 16, max_epochs: 3 }", extra: $"scheduler: {scheduler}").Replace("name: minimal", "name: refine-me", StringComparison.Ordinal), TestSpecs.Lenient);
        var trials = Enumerable.Range(0, count).Select(i =>
        {
            var p = parameters(i);
            p["dropout"] = ParamValue.Of((i % 5) / 10.0);
            double value = score(p);
            var epochs = Enumerable.Range(1, 3).Select(e => new EpochMetrics(e, new() { ["val_accuracy"] = value, ["val_loss"] = -value }, 1, 1)).ToArray();
            return TrialRecord.CreatePending(i, p) with { Status = TrialStatus.Completed, Epochs = epochs, FinishOrder = i + 1 };
        }).ToArray();
        return new SweepSnapshot("refine-me-1", spec, SweepStatus.Completed, null, DateTime.UnixEpoch, null, 3 * count, 0, trials);
    }
}
