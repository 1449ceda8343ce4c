using HyperSearch.Spec;
using HyperSearch.Trainer.Toolbox;

namespace HyperSearch.Core.Tests;

public sealed class SpecParserTests
{
    [Fact]
    public void DesignExample_EveryFieldLandsWhereItShould()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        Assert.Equal("fmnist-quick", spec.Name);
        Assert.Equal(new DataSpec("fashion-mnist", "/usr/share/datasets/fashion-mnist", 5000, 5000, 42), spec.Data);
        Assert.Equal(new ObjectiveSpec("val_accuracy", ObjectiveMode.Max), spec.Objective);
        Assert.Equal(new BudgetSpec(16, 3, 2, TimeSpan.FromMinutes(30)), spec.Budget);
        Assert.Equal(new SearchSpec(SearchStrategy.Random, 42, 3, 3, 3), spec.Search);
        Assert.Equal(new SchedulerSpec(SchedulerType.Asha, 1, 3), spec.Scheduler);
        Assert.Equal(new EnsembleSpec(5, EnsembleMethod.Greedy, false), spec.Ensemble);

        Assert.Equal(
            ["lr", "weight_decay", "optimizer", "momentum", "batch_size", "model", "hidden", "activation", "dropout"],
            spec.Space.Select(p => p.Name));
        AssertRange(spec.Space[0], DistributionKind.LogUniform, 1e-5, 1e-1);
        AssertRange(spec.Space[1], DistributionKind.LogUniform, 1e-6, 1e-2);
        Assert.Equal(DistributionKind.Choice, spec.Space[2].Kind);
        // docs/design.md's example lists every optimizer but adamw, which came later.
        Assert.Equal(ToolboxSchema.Optimizer.Words!.Where(o => o != "adamw"), spec.Space[2].Options.Select(o => o.Text));
        AssertRange(spec.Space[3], DistributionKind.Uniform, 0.5, 0.99);
        Assert.Equal([64L, 128L, 256L], spec.Space[4].Options.Select(o => (long)o.ToObject()));
        Assert.All(spec.Space[4].Options, o => Assert.Equal(ParamKind.Integer, o.Kind));
        Assert.Equal(["mlp", "cnn"], spec.Space[5].Options.Select(o => o.Text));
        Assert.Equal([[256L], [512L, 256L]], spec.Space[6].Options.Select(o => o.Items!));
        Assert.Equal(DistributionKind.Value, spec.Space[7].Kind);
        Assert.True(spec.Space[7].Options.Single().SameAs(ParamValue.Of("relu")));
        AssertRange(spec.Space[8], DistributionKind.Uniform, 0.0, 0.5);
    }

    [Fact]
    public void DesignExample_ConditionsNameTheirParentsValues()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);
        var momentum = spec.Space.Single(p => p.Name == "momentum");
        var hidden = spec.Space.Single(p => p.Name == "hidden");

        var onOptimizer = Assert.Single(momentum.When);
        Assert.Equal("optimizer", onOptimizer.Parameter);
        Assert.Equal(["momentum", "nesterov"], onOptimizer.Values.Select(v => v.Text));

        var onModel = Assert.Single(hidden.When);
        Assert.Equal("model", onModel.Parameter);
        Assert.Equal(["mlp"], onModel.Values.Select(v => v.Text));

        Assert.All(spec.Space.Where(p => p.Name is not ("momentum" or "hidden")), p => Assert.Empty(p.When));
    }

    [Fact]
    public void DesignExample_IsAcceptedNowThatAshaExists()
    {
        var spec = TestSpecs.Parse(TestSpecs.DesignExample);

        Assert.Equal(SchedulerType.Asha, spec.Scheduler.Type);
    }

    [Fact]
    public void Minimal_TakesEveryDefault()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal());

        Assert.Equal(new DataSpec("fashion-mnist", "/usr/share/datasets/fashion-mnist", null, 5000, 0), spec.Data);
        Assert.Equal(new ObjectiveSpec("val_accuracy", ObjectiveMode.Max), spec.Objective);
        Assert.Equal(new BudgetSpec(4, 10, 0, null), spec.Budget);
        Assert.Equal(new SearchSpec(SearchStrategy.Random, 0, 3, 3, 3), spec.Search);
        Assert.Equal(new SchedulerSpec(SchedulerType.None, 1, 3), spec.Scheduler);
        Assert.Null(spec.Ensemble);
    }

    [Fact]
    public void Objective_ValLossDefaultsToMin()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "objective: { metric: val_loss }"));

        Assert.Equal(new ObjectiveSpec("val_loss", ObjectiveMode.Min), spec.Objective);
    }

    [Fact]
    public void Data_DefaultPathPerDataSet()
    {
        var mnist = TestSpecs.Parse(TestSpecs.Minimal(extra: "data: { dataset: mnist }"));
        var synthetic = SpecParser.Parse(
            TestSpecs.Minimal(extra: "data: { dataset: synthetic }"),
            new SpecParseOptions { DirectoryExists = _ => false });

        Assert.Equal("/usr/share/datasets/mnist", mnist.Data!.Path);
        Assert.Equal("synthetic", synthetic.Data!.Dataset);
        Assert.Equal("", synthetic.Data!.Path);
    }

    [Fact]
    public void Data_SplitSeedDefaultsToSearchSeedUnlessGiven()
    {
        var inherited = TestSpecs.Parse(TestSpecs.Minimal(extra: "search: { seed: 9 }"));
        var own = TestSpecs.Parse(TestSpecs.Minimal(extra: "search: { seed: 9 }\ndata: { split_seed: 3 }"));

        Assert.Equal(9, inherited.Data!.SplitSeed);
        Assert.Equal(3, own.Data!.SplitSeed);
    }

    [Fact]
    public void ParseFile_ResolvesRelativeDataPathAgainstSpecDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("hypersearch-spec-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "data", "fmnist"));
            string file = Path.Combine(dir.FullName, "sweep.yaml");
            File.WriteAllText(file, TestSpecs.Minimal(extra: "data: { path: data/fmnist }"));

            var spec = SpecParser.ParseFile(file, TestSpecs.AllDirectoriesExist);

            Assert.Equal(Path.Combine(dir.FullName, "data", "fmnist"), spec.Data!.Path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ParseFile_MissingFileIsASpecError()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-such-spec-{Guid.NewGuid():N}.yaml");

        var exception = Assert.Throws<SpecException>(() => SpecParser.ParseFile(missing));

        Assert.Equal($"SPEC: file not found: {missing}", exception.Message);
    }

    [Fact]
    public void Scalars_AreTypedAsIntegerNumberBoolOrText()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(space: """
            batch_norm: { choice: [true, false] }
            augment: { choice: [flip, "crop", false] }
            batch_size: { value: 64 }
            lr: { choice: [1.0e-5, 1, 0.5] }
            """));

        Assert.Equal([ParamKind.Bool, ParamKind.Bool], spec.Space[0].Options.Select(o => o.Kind));
        Assert.Equal([ParamKind.Text, ParamKind.Text, ParamKind.Bool], spec.Space[1].Options.Select(o => o.Kind));
        Assert.Equal(ParamKind.Integer, spec.Space[2].Options[0].Kind);

        // Real-valued parameters widen integers to numbers, so the trainer always gets a double.
        Assert.Equal([1e-5, 1.0, 0.5], spec.Space[3].Options.Select(o => (double)o.ToObject()));
    }

    [Fact]
    public void Space_ListParameterTakesSingleIntegerAsOneLayer()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(space: "hidden: { choice: [128, [512, 256]] }"));

        Assert.Equal([[128L], [512L, 256L]], spec.Space[0].Options.Select(o => o.Items!));
    }

    [Fact]
    public void Space_IntRangeAndDurationsParse()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(space: "kernel: { int: [3, 7] }", budget: "{ trials: 2, time_limit: 1h30m }"));

        AssertRange(spec.Space[0], DistributionKind.Int, 3, 7);
        Assert.Equal(TimeSpan.FromMinutes(90), spec.Budget.TimeLimit);
    }

    [Fact]
    public void Ensemble_OmittedFieldsTakeDefaults()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { retrain: false }"));

        Assert.Equal(new EnsembleSpec(5, EnsembleMethod.Greedy, false), spec.Ensemble);
    }

    [Fact]
    public void Ensemble_Retrain_IsReadForTheBuiltInTrainer()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { top_k: 3, retrain: true }"));

        Assert.Equal(new EnsembleSpec(3, EnsembleMethod.Greedy, true), spec.Ensemble);
    }

    [Fact]
    public void Ensemble_Retrain_IsRejectedForACommandTrainer()
    {
        var error = Assert.Throws<SpecException>(() => TestSpecs.Parse(TestSpecs.Minimal(
            extra: "ensemble: { retrain: true }\ntrainer: { command: [python3, train.py], metrics: [val_accuracy] }")));

        Assert.Contains(error.Errors, e => e.Path == "ensemble.retrain" && e.Message.Contains("built-in trainer"));
    }

    [Fact]
    public void Ensemble_TestTimeAugmentation_IsReadAndDefaultsToNone()
    {
        var flip = TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { test_time_augmentation: flip }"));
        var plain = TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { top_k: 2 }"));

        Assert.Equal(TestTimeAugmentation.Flip, flip.Ensemble!.Augmentation);
        Assert.Equal(TestTimeAugmentation.None, plain.Ensemble!.Augmentation);
    }

    [Fact]
    public void Ensemble_TestTimeAugmentation_UnknownWordOrCommandTrainer_IsRejected()
    {
        var unknown = Assert.Throws<SpecException>(() => TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { test_time_augmentation: rotate }")));
        var command = Assert.Throws<SpecException>(() => TestSpecs.Parse(TestSpecs.Minimal(
            extra: "ensemble: { test_time_augmentation: flip }\ntrainer: { command: [python3, train.py], metrics: [val_accuracy] }")));

        Assert.Contains(unknown.Errors, e => e.Path == "ensemble.test_time_augmentation" && e.Message.Contains("expected one of: none, flip"));
        Assert.Contains(command.Errors, e => e.Path == "ensemble.test_time_augmentation" && e.Message.Contains("built-in trainer"));
    }

    private static void AssertRange(ParameterSpec parameter, DistributionKind kind, double low, double high)
    {
        Assert.Equal(kind, parameter.Kind);
        Assert.Equal(low, parameter.Low);
        Assert.Equal(high, parameter.High);
    }
}
