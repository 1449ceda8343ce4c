using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Trainer.Toolbox;

namespace HyperSearch.Core.Tests;

/// <summary>A spec is checked against the schema of the trainer it names: parameters, metrics, data.</summary>
public sealed class TrainerSchemaSpecTests
{
    private const string PluginSpec = """
        name: plugin
        trainer: { plugin: /plugins/Residual.dll, type: My.Residual }
        objective: { metric: val_top1 }
        budget: { trials: 2 }
        space:
          width: { int: [8, 32] }
          lr: { loguniform: [1.0e-4, 1.0e-1] }
        """;

    [Fact]
    public void ToolboxSchema_ListsTheCoreParametersInOrderThenTheDetails()
    {
        Assert.Equal(
            ["lr", "weight_decay", "l1", "optimizer", "momentum", "beta1", "beta2", "batch_size", "lr_schedule",
             "model", "hidden", "channels", "kernel", "activation", "dropout", "batch_norm", "init", "augment", "preprocess",
             "eps", "decay_rate", "lr_decay", "lr_step", "warmup_epochs", "depth", "width",
             "padding", "convs_per_block", "head_width", "lr_cycle_multiplier", "ema"],
            ToolboxSchema.Schema.Parameters.Select(p => p.Name));
        Assert.Equal(["val_accuracy", "val_loss", "train_loss"], ToolboxSchema.Schema.Metrics.Select(m => m.Name));
    }

    [Theory]
    [InlineData("dropout: { value: 1.0 }", "space.dropout.value: dropout must be in [0, 1), got 1")]
    [InlineData("kernel: { value: 28 }", "space.kernel.value: kernel must be in [1, 27], got 28")]
    [InlineData("lr_decay: { value: 0 }", "space.lr_decay.value: lr_decay must be in (0, 1], got 0")]
    [InlineData("optimizer: { choice: [adam, lion] }", "space.optimizer.choice: unknown optimizer 'lion' (expected one of: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw)")]
    public void ToolboxSpec_ValuesOutsideTheSchema_AreErrorsNamingTheKey(string space, string expected)
    {
        Assert.Contains(expected, TestSpecs.Errors(TestSpecs.Minimal(space: space)));
    }

    [Fact]
    public void PluginSpec_IsCheckedAgainstThePluginsSchema()
    {
        var spec = SpecParser.Parse(PluginSpec, With(Residual));

        Assert.Equal(new TrainerSpec("/plugins/Residual.dll", "My.Residual"), spec.Trainer);
        Assert.Null(spec.Data); // the plugin loads its own data
        Assert.Equal(new ObjectiveSpec("val_top1", ObjectiveMode.Max), spec.Objective);
        Assert.Equal(new ParameterBounds(1, true, 64, true), spec.Space[0].Bounds);
    }

    [Fact]
    public void PluginSpec_ObjectiveDefaultsToTheFirstMetric_AndItsGoalSetsTheMode()
    {
        var spec = SpecParser.Parse(PluginSpec.Replace("objective: { metric: val_top1 }\n", "objective: { metric: val_nll }\n"), With(Residual));
        var byDefault = SpecParser.Parse(PluginSpec.Replace("objective: { metric: val_top1 }\n", ""), With(Residual));

        Assert.Equal(ObjectiveMode.Min, spec.Objective.Mode);
        Assert.Equal("val_top1", byDefault.Objective.Metric);
    }

    [Fact]
    public void PluginSpec_UnknownParameterOrMetric_NamesWhatTheTrainerDeclares()
    {
        var errors = TestSpecs.Errors(
            PluginSpec.Replace("val_top1", "val_accuracy").Replace("  lr:", "  dropout: { uniform: [0, 0.5] }\n  lr:"),
            With(Residual));

        Assert.Contains("objective.metric: unknown metric 'val_accuracy' (expected one of: val_top1, val_nll, train_loss)", errors);
        Assert.Contains("space.dropout: unknown parameter (expected one of: lr, width)", errors);
    }

    [Fact]
    public void ToolboxSpec_NeedsData_ButAPluginWithoutDataDoesNot()
    {
        var toolbox = TestSpecs.Parse(TestSpecs.Minimal());

        Assert.Equal("fashion-mnist", toolbox.Data!.Dataset);
        Assert.Null(SpecParser.Parse(PluginSpec, With(Residual)).Data);
    }

    [Fact]
    public void TrainerSection_NeedsPluginAndType_AndAnUnloadablePluginIsOneError()
    {
        var missingType = TestSpecs.Errors("name: x\ntrainer: { plugin: a.dll }\nbudget: { trials: 1 }\nspace:\n  lr: { value: 0.1 }\n", With(Residual));
        var unloadable = TestSpecs.Errors(PluginSpec, TestSpecs.AllDirectoriesExist);

        Assert.Contains(missingType, e => e.StartsWith("trainer.type: required", StringComparison.Ordinal));
        Assert.Equal(["trainer.plugin: no plugins in these tests: /plugins/Residual.dll"], unloadable);
    }

    [Fact]
    public void RelativePluginPath_StartsAtTheSpecsDirectory()
    {
        var spec = SpecParser.Parse(PluginSpec.Replace("/plugins/Residual.dll", "bin/Residual.dll"), With(Residual) with { BaseDirectory = "/specs" });

        Assert.Equal("/specs/bin/Residual.dll", spec.Trainer!.Plugin);
    }

    private static readonly TrainerSchema Residual = new(
        [ParameterDefinition.Real("lr", min: 0, max: 1, minInclusive: false), ParameterDefinition.Integer("width", min: 1, max: 64)],
        [MetricDefinition.Maximize("val_top1"), MetricDefinition.Minimize("val_nll"), MetricDefinition.Minimize("train_loss")]);

    private static SpecParseOptions With(TrainerSchema schema) => TestSpecs.AllDirectoriesExist with { Trainers = new FixedSchemas(schema) };

    /// <summary>Every plugin has <paramref name="schema"/>.</summary>
    private sealed class FixedSchemas(TrainerSchema schema) : ITrainerSchemas
    {
        public TrainerSchema Resolve(TrainerSpec? trainer) => trainer is null ? ToolboxSchema.Schema : schema;
    }
}
