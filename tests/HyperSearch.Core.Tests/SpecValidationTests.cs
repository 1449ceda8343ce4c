using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

/// <summary>Each rule of the spec contract, broken once; every message must name its key path.</summary>
public sealed class SpecValidationTests
{
    [Fact]
    public void UnknownKey_IsReportedWithTheKnownKeys()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: "data: { foo: 1 }"));

        Assert.Equal(["data.foo: unknown key (expected one of: dataset, path, train_subset, validation, split_seed)"], errors);
    }

    [Theory]
    [InlineData("nmae: x", "nmae: unknown key (expected one of: name, trainer, data,")]
    [InlineData("search: { stratgy: grid }", "search.stratgy: unknown key")]
    [InlineData("scheduler: { type: none, grace: 1 }", "scheduler.grace: unknown key")]
    [InlineData("objective: { metrc: val_loss }", "objective.metrc: unknown key")]
    [InlineData("ensemble: { k: 3 }", "ensemble.k: unknown key (expected one of: top_k, method, retrain, test_time_augmentation, sorted_init, min_members, bags, snapshots)")]
    public void UnknownKey_IsAnErrorAtEveryLevel(string extra, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: extra));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownKey_InBudget()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(budget: "{ trials: 4, epoch: 3 }"));

        Assert.Equal(["budget.epoch: unknown key (expected one of: trials, max_epochs, parallelism, time_limit, epochs)"], errors);
    }

    [Fact]
    public void UnknownKey_InsideASpaceEntry()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "lr: { uniform: [0.1, 0.2], log: true }"));

        Assert.Equal(["space.lr.log: unknown key (expected one of: uniform, loguniform, int, choice, value, when)"], errors);
    }

    [Fact]
    public void LowerAboveUpper_IsReported()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "lr: { uniform: [0.5, 0.1] }"));

        Assert.Equal(["space.lr.uniform: lower bound 0.5 must be below upper bound 0.1"], errors);
    }

    [Fact]
    public void IntLowerAboveUpper_IsReported()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "kernel: { int: [7, 3] }"));

        Assert.Equal(["space.kernel.int: lower bound 7 must not exceed upper bound 3"], errors);
    }

    [Fact]
    public void LogUniformNonPositiveLowerBound_IsReportedOnce()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "lr: { loguniform: [0, 0.1] }"));

        Assert.Equal(["space.lr.loguniform: lower bound must be > 0, got 0"], errors);
    }

    [Fact]
    public void LogUniformNegativeBound_OnParameterAllowingZero()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "weight_decay: { loguniform: [-1, 0.1] }"));

        Assert.Contains("space.weight_decay.loguniform: lower bound must be > 0, got -1", errors);
    }

    [Fact]
    public void UnknownOptimizer_ListsTheKnownOnes()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "optimizer: { choice: [adam, adamx] }"));

        Assert.Equal(["space.optimizer.choice: unknown optimizer 'adamx' (expected one of: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw)"], errors);
    }

    [Theory]
    [InlineData("model: { value: rnn }", "space.model.value: unknown model 'rnn' (expected one of: mlp, cnn, resnet)")]
    [InlineData("activation: { choice: [relu, gelu] }", "space.activation.choice: unknown activation 'gelu' (expected one of: relu, tanh, sigmoid, leaky_relu, prelu, elu, silu)")]
    [InlineData("dropout: { uniform: [0.0, 1.0] }", "space.dropout.uniform: upper bound must be in [0, 1), got 1.0")]
    [InlineData("dropout: { value: 1 }", "space.dropout.value: dropout must be in [0, 1), got 1")]
    [InlineData("momentum: { choice: [0.9, 1.5] }", "space.momentum.choice: momentum must be in [0, 1), got 1.5")]
    [InlineData("lr: { uniform: [0, 0.1] }", "space.lr.uniform: lower bound must be > 0, got 0")]
    [InlineData("weight_decay: { value: -0.1 }", "space.weight_decay.value: weight_decay must be >= 0, got -0.1")]
    [InlineData("batch_size: { choice: [0, 64] }", "space.batch_size.choice: batch_size must be in [1, 1048576], got 0")]
    [InlineData("batch_size: { value: 64.5 }", "space.batch_size.value: batch_size takes a whole number, got 64.5")]
    [InlineData("batch_size: { uniform: [16, 64] }", "space.batch_size.uniform: batch_size cannot take a uniform range; use int, choice or value")]
    [InlineData("optimizer: { int: [1, 3] }", "space.optimizer.int: optimizer cannot take an int range; use choice or value")]
    [InlineData("batch_norm: { value: yes }", "space.batch_norm.value: batch_norm takes true or false, got 'yes'")]
    [InlineData("hidden: { choice: [[256, a]] }", "space.hidden.choice[0]: list entries must be whole numbers, got 'a'")]
    [InlineData("lr: { value: fast }", "space.lr.value: lr takes a number, got 'fast'")]
    public void ParameterValues_AreCheckedAgainstTheTrainer(string space, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: space));

        Assert.Contains(expected, errors);
    }

    [Fact]
    public void UnknownParameter_ListsTheTrainersNames()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: "lr: { value: 0.1 }\nfoo: { value: 1 }"));

        var error = Assert.Single(errors);
        Assert.StartsWith("space.foo: unknown parameter (expected one of: lr, weight_decay, l1, optimizer,", error);
    }

    [Theory]
    [InlineData("lr: {}", "space.lr: needs one of: uniform, loguniform, int, choice, value")]
    [InlineData("lr: 0.1", "space.lr: expected a mapping, got '0.1'")]
    [InlineData("lr: { uniform: [0.1, 0.2], value: 0.1 }", "space.lr: gives uniform and value; give exactly one of:")]
    [InlineData("lr: { uniform: [0.1] }", "space.lr.uniform: expected [lower, upper], got a list")]
    [InlineData("lr: { uniform: [low, 0.2] }", "space.lr.uniform: lower bound must be a number, got 'low'")]
    [InlineData("kernel: { int: [1, 2.5] }", "space.kernel.int: upper bound must be a whole number, got '2.5'")]
    [InlineData("optimizer: { choice: [] }", "space.optimizer.choice: expected a non-empty list of options, got a list")]
    [InlineData("optimizer: { choice: [adam, adam] }", "space.optimizer.choice: option 'adam' is listed twice")]
    public void SpaceEntry_ShapeErrors(string space, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: space));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Space_MissingOrEmptyIsAnError()
    {
        var missing = TestSpecs.Errors("name: x\nbudget: { trials: 1 }");
        var empty = TestSpecs.Errors("name: x\nbudget: { trials: 1 }\nspace: {}");

        Assert.Equal(["space: required: declare at least one parameter"], missing);
        Assert.Equal(["space: declare at least one parameter"], empty);
    }

    [Fact]
    public void ZeroTrials_IsReported()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(budget: "{ trials: 0 }"));

        Assert.Equal(["budget.trials: must be at least 1, got 0"], errors);
    }

    [Theory]
    [InlineData("{ max_epochs: 3 }", "budget.trials: required")]
    [InlineData("{ trials: many }", "budget.trials: expected a whole number, got 'many'")]
    [InlineData("{ trials: 2, max_epochs: 0 }", "budget.max_epochs: must be at least 1, got 0")]
    [InlineData("{ trials: 2, parallelism: 0 }", "budget.parallelism: must be at least 1, got 0")]
    public void Budget_NumbersAreChecked(string budget, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(budget: budget));

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("30 m")]
    [InlineData("1.5h")]
    [InlineData("30m1h")]
    [InlineData("0s")]
    public void BadDuration_IsReported(string limit)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(budget: $"{{ trials: 2, time_limit: {limit} }}"));

        Assert.Equal([$"budget.time_limit: expected a duration such as 90s, 30m, 2h or 1h30m, got '{limit}'"], errors);
    }

    [Fact]
    public void MissingDataDirectory_IsReportedWithThePath()
    {
        var options = new SpecParseOptions { DirectoryExists = _ => false };

        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: "data: { dataset: mnist, path: /x/y }"), options);

        Assert.Equal(["data.path: directory not found: /x/y"], errors);
    }

    [Fact]
    public void MissingDefaultDataDirectory_SaysItWasTheDefault()
    {
        var options = new SpecParseOptions { DirectoryExists = _ => false };

        var errors = TestSpecs.Errors(TestSpecs.Minimal(), options);

        Assert.Equal(["data.path: directory not found: /usr/share/datasets/fashion-mnist (the default for fashion-mnist; set data.path to use another directory)"], errors);
    }

    [Fact]
    public void DataDirectoryCheck_SeesTheResolvedPath()
    {
        var seen = new List<string>();
        var options = new SpecParseOptions
        {
            BaseDirectory = "/specs/here",
            DirectoryExists = path =>
            {
                seen.Add(path);
                return true;
            },
        };

        var spec = SpecParser.Parse(TestSpecs.Minimal(extra: "data: { path: ../data }"), options);

        Assert.Equal(["/specs/data"], seen);
        Assert.Equal("/specs/data", spec.Data!.Path);
    }

    [Theory]
    [InlineData("data: { dataset: cifar10 }", "data.path: required for cifar10 (it has no default location)")]
    [InlineData("data: { dataset: imagenet }", "data.dataset: unknown dataset 'imagenet' (expected one of: fashion-mnist, mnist, cifar10, synthetic)")]
    [InlineData("data: { train_subset: 0 }", "data.train_subset: must be at least 1, got 0")]
    [InlineData("data: { validation: 0 }", "data.validation: must be at least 1, got 0")]
    [InlineData("objective: { metric: val_loss, mode: max }", "objective.mode: val_loss is minimized; mode max contradicts it (use min or leave mode out)")]
    [InlineData("objective: { metric: accuracy }", "objective.metric: unknown metric 'accuracy' (expected one of: val_accuracy, val_loss, train_loss)")]
    [InlineData("search: { strategy: bayes }", "search.strategy: unknown strategy 'bayes' (expected one of: random, grid, coarse-to-fine, tpe, gp)")]
    [InlineData("search: { grid_points: 1 }", "search.grid_points: must be at least 2, got 1")]
    [InlineData("scheduler: { reduction_factor: 1 }", "scheduler.reduction_factor: must be at least 2, got 1")]
    [InlineData("scheduler: { grace_epochs: 20 }", "scheduler.grace_epochs: 20 exceeds budget.max_epochs 10")]
    [InlineData("ensemble: { method: stacking }", "ensemble.method: unknown method 'stacking' (expected one of: average, greedy)")]
    [InlineData("ensemble: { top_k: 0 }", "ensemble.top_k: must be at least 1, got 0")]
    [InlineData("ensemble: { retrain: maybe }", "ensemble.retrain: expected true or false, got 'maybe'")]
    [InlineData("data: [mnist]", "data: expected a mapping, got a list")]
    public void Sections_AreChecked(string extra, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(extra: extra));

        Assert.Equal([expected], errors);
    }

    [Theory]
    [InlineData("coarse-to-fine", SearchStrategy.CoarseToFine)]
    [InlineData("tpe", SearchStrategy.Tpe)]
    [InlineData("gp", SearchStrategy.Gp)]
    public void EveryStrategy_IsAvailable(string strategy, SearchStrategy expected)
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: $"search: {{ strategy: {strategy} }}"));

        Assert.Equal(expected, spec.Search.Strategy);
    }

    [Theory]
    [InlineData("asha", SchedulerType.Asha)]
    [InlineData("hyperband", SchedulerType.Hyperband)]
    [InlineData("median", SchedulerType.Median)]
    public void EveryScheduler_IsAvailable(string type, SchedulerType expected)
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: $"scheduler: {{ type: {type} }}"));

        Assert.Equal(expected, spec.Scheduler.Type);
    }

    [Fact]
    public void ModelSettings_AreRead_AndDefaultToIndependentWithALiar()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "search: { strategy: tpe, multivariate: true, constant_liar: false }"));
        var defaults = TestSpecs.Parse(TestSpecs.Minimal(extra: "search: { strategy: tpe }"));

        Assert.Equal(new TpeSettings(SearchSpec.DefaultStartupTrials, Multivariate: true, ConstantLiar: false), spec.Search.Tpe);
        Assert.False(defaults.Search.Tpe.Multivariate);
        Assert.True(defaults.Search.Tpe.ConstantLiar);
        Assert.Contains("search.multivariate", string.Join("\n", TestSpecs.Errors(TestSpecs.Minimal(extra: "search: { strategy: tpe, multivariate: maybe }"))));
    }

    [Fact]
    public void StartupTrialsAndEpochBudget_AreRead()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(budget: "{ trials: 4, epochs: 30 }", extra: "search: { strategy: tpe, startup_trials: 5 }"));

        Assert.Equal(30, spec.Budget.Epochs);
        Assert.Equal(5, spec.Search.StartupTrials);
        Assert.Null(TestSpecs.Parse(TestSpecs.Minimal()).Budget.Epochs);
        Assert.Equal(SearchSpec.DefaultStartupTrials, TestSpecs.Parse(TestSpecs.Minimal()).Search.StartupTrials);
    }

    [Theory]
    [InlineData("{ trials: 4, epochs: 0 }", "", "budget.epochs: must be at least 1, got 0")]
    [InlineData("{ trials: 4, epochs: many }", "", "budget.epochs: expected a whole number, got 'many'")]
    [InlineData("{ trials: 4 }", "search: { strategy: tpe, startup_trials: -1 }", "search.startup_trials: must be at least 0, got -1")]
    public void StartupTrialsAndEpochBudget_AreChecked(string budget, string extra, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(budget: budget, extra: extra));

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void MissingName_IsReported()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal().Replace("name: minimal", "name: \"\"", StringComparison.Ordinal));

        Assert.Equal(["name: required (a non-empty name for the sweep)"], errors);
    }

    [Fact]
    public void WhenNamingALaterParameter_IsReported()
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: """
            momentum: { uniform: [0.5, 0.99], when: { optimizer: [momentum] } }
            optimizer: { choice: [sgd, momentum] }
            """));

        Assert.Equal(["space.momentum.when.optimizer: 'optimizer' is declared after 'momentum'; a condition can only name an earlier parameter"], errors);
    }

    [Theory]
    [InlineData(
        "momentum: { uniform: [0.5, 0.99], when: { optimizr: [momentum] } }",
        "space.momentum.when.optimizr: 'optimizr' is not a parameter of this space; a condition can only name an earlier parameter")]
    [InlineData(
        "optimizer: { choice: [sgd, momentum] }\nmomentum: { uniform: [0.5, 0.99], when: { optimizer: [nesterov] } }",
        "space.momentum.when.optimizer: 'nesterov' is not an option of optimizer (options: 'sgd', 'momentum')")]
    [InlineData(
        "lr: { uniform: [0.1, 0.2] }\nmomentum: { uniform: [0.5, 0.99], when: { lr: 0.1 } }",
        "space.momentum.when.lr: 'lr' is a uniform parameter; a condition can only name a choice or value parameter")]
    [InlineData(
        "momentum: { uniform: [0.5, 0.99], when: { momentum: 0.5 } }",
        "space.momentum.when.momentum: a parameter cannot depend on itself")]
    [InlineData(
        "model: { choice: [mlp] }\nhidden: { value: [64], when: { model: [] } }",
        "space.hidden.when.model: expected at least one value")]
    public void WhenErrors_NameTheConditionPath(string space, string expected)
    {
        var errors = TestSpecs.Errors(TestSpecs.Minimal(space: space));

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void YamlSyntaxError_GivesLineAndColumn()
    {
        const string yaml = "name: x\nbudget: { trials: 4\nspace:\n  lr: { value: 0.1 }\n";

        var exception = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, TestSpecs.AllDirectoriesExist));

        var error = Assert.Single(exception.Errors);
        Assert.Matches(@"^line \d+, column \d+$", error.Path);
        Assert.StartsWith("YAML syntax error: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: x\nbudget: { trials: [1, 2 }\n", "line 2, column 25: YAML syntax error: ")]
    [InlineData("name: a: b\n", "line 1, column 8: YAML syntax error: ")]
    [InlineData("name: 'x\n", "line 1, column 7: YAML syntax error: ")]
    public void YamlSyntaxError_PointsAtTheProblem(string yaml, string expectedStart)
    {
        var exception = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, TestSpecs.AllDirectoriesExist));

        Assert.StartsWith(expectedStart, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKey_IsASyntaxError()
    {
        var exception = Assert.Throws<SpecException>(() => SpecParser.Parse("name: a\nname: b\n", TestSpecs.AllDirectoriesExist));

        Assert.StartsWith("line 2, column 1: YAML syntax error", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralErrors_AreAllReportedInSectionOrder()
    {
        const string yaml = """
            name: several
            data: { foo: 1 }
            budget: { trials: 0 }
            space:
              lr: { loguniform: [0, 0.1] }
              optimizer: { choice: [adamx] }
            """;

        var exception = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, TestSpecs.AllDirectoriesExist));

        string[] expected =
        [
            "data.foo: unknown key (expected one of: dataset, path, train_subset, validation, split_seed)",
            "budget.trials: must be at least 1, got 0",
            "space.lr.loguniform: lower bound must be > 0, got 0",
            "space.optimizer.choice: unknown optimizer 'adamx' (expected one of: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw)",
        ];
        Assert.Equal(expected, exception.Errors.Select(e => e.ToString()));
        Assert.Equal(string.Join(Environment.NewLine, expected), exception.Message);
    }

    [Fact]
    public void EveryError_StartsWithAKeyPath()
    {
        const string yaml = """
            name: paths
            data: { dataset: cifar10, train_subset: -1 }
            objective: { metric: val_loss, mode: max }
            budget: { trials: 0, time_limit: soon }
            search: { strategy: tpe, grid_points: 1 }
            scheduler: { type: median }
            space:
              lr: { uniform: [0.5, 0.1] }
              hidden: { choice: [[0]], when: { model: mlp } }
            ensemble: { method: vote }
            """;

        var exception = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, TestSpecs.AllDirectoriesExist));

        Assert.True(exception.Errors.Count >= 10, string.Join("\n", exception.Errors));
        Assert.All(exception.Errors, e => Assert.Matches(@"^(name|data|objective|budget|search|scheduler|space|ensemble)(\.[a-z_]+(\[\d+\])?)*$", e.Path));
    }
}
