using HyperSearch.Sdk;
using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

/// <summary>Specs of command trials: free-form parameters, the metrics the command names, placeholders checked.</summary>
public sealed class CommandSpecTests
{
    private const string Spec = """
        name: command
        trainer:
          command: [python3, train.py, --lr, "{lr}", --layers, "{layers}", --epochs, "{max_epochs}"]
          workdir: scripts
          env: { OMP_NUM_THREADS: 1 }
          metrics: [val_f1, { name: val_perplexity, goal: min }, train_loss]
          grace: 3s
          report_timeout: 2m
        budget: { trials: 4 }
        space:
          lr: { loguniform: [1.0e-4, 1.0e-1] }
          layers: { choice: [[64], [128, 64]] }
          anything_goes: { choice: [a, b] }
        """;

    [Fact]
    public void CommandSpec_IsReadWithEveryKey()
    {
        var spec = SpecParser.Parse(Spec, TestSpecs.AllDirectoriesExist with { BaseDirectory = "/specs" });

        var command = spec.Trainer!.Command!;
        Assert.Equal(["python3", "train.py", "--lr", "{lr}", "--layers", "{layers}", "--epochs", "{max_epochs}"], command.Arguments);
        Assert.Equal("/specs/scripts", command.WorkingDirectory);
        Assert.Equal("1", command.Environment["OMP_NUM_THREADS"]);
        Assert.Equal(
            [new CommandMetric("val_f1", MetricGoal.Maximize), new CommandMetric("val_perplexity", MetricGoal.Minimize), new CommandMetric("train_loss", MetricGoal.Minimize)],
            command.Metrics);
        Assert.Equal(TimeSpan.FromSeconds(3), command.Grace);
        Assert.Equal(TimeSpan.FromMinutes(2), command.ReportTimeout);
        Assert.Null(spec.Data);
        Assert.Equal(new ObjectiveSpec("val_f1", ObjectiveMode.Max), spec.Objective);
        Assert.Equal(["lr", "layers", "anything_goes"], spec.Space.Select(p => p.Name));
    }

    [Fact]
    public void ObjectiveOutsideTheCommandsMetrics_AndUnknownPlaceholders_AreErrors()
    {
        var errors = TestSpecs.Errors(
            Spec.Replace("budget:", "objective: { metric: val_accuracy }\nbudget:").Replace("{layers}", "{depth}"),
            TestSpecs.AllDirectoriesExist);

        Assert.Contains("objective.metric: unknown metric 'val_accuracy' (expected one of: val_f1, val_perplexity, train_loss)", errors);
        Assert.Contains(errors, e => e.StartsWith("trainer.command: {depth} names no parameter of the space (known: anything_goes, layers, lr, max_epochs, seed, trial_dir)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("trainer:\n  command: []\n  metrics: [a]\n", "trainer.command: expected a non-empty list")]
    [InlineData("trainer:\n  command: [sh, run.sh]\n", "trainer.metrics: required")]
    [InlineData("trainer:\n  command: [sh, run.sh]\n  metrics: [a]\n  grace: soon\n", "trainer.grace: expected a duration")]
    [InlineData("trainer:\n  command: [sh, run.sh]\n  plugin: a.dll\n  metrics: [a]\n", "trainer: give either command or plugin and type, not both")]
    [InlineData("trainer:\n  plugin: a.dll\n  type: A\n  metrics: [a]\n", "trainer.metrics: only for a training command")]
    public void CommandSection_Mistakes_AreErrorsNamingTheKey(string trainer, string expected)
    {
        var errors = TestSpecs.Errors($"name: x\n{trainer}budget: {{ trials: 1 }}\nspace:\n  lr: {{ value: 0.1 }}\n", TestSpecs.AllDirectoriesExist);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingWorkingDirectory_IsAnError()
    {
        var errors = TestSpecs.Errors(Spec, TestSpecs.AllDirectoriesExist with { BaseDirectory = "/specs", DirectoryExists = _ => false });

        Assert.Contains("trainer.workdir: directory not found: /specs/scripts", errors);
    }

    [Fact]
    public void PersistentWorker_IsReadWithItsRecycleLimit()
    {
        var spec = SpecParser.Parse(
            "name: x\ntrainer:\n  command: [python3, worker.py]\n  metrics: [a]\n  persistent: true\n  max_trials_per_process: 50\nbudget: { trials: 1 }\nspace:\n  lr: { value: 0.1 }\n",
            TestSpecs.AllDirectoriesExist);

        var command = spec.Trainer!.Command!;
        Assert.True(command.Persistent);
        Assert.Equal(50, command.MaxTrialsPerProcess);
        Assert.False(SpecParser.Parse(Spec, TestSpecs.AllDirectoriesExist).Trainer!.Command!.Persistent);
    }

    [Theory]
    [InlineData("  persistent: maybe\n", "trainer.persistent: expected true or false, got 'maybe'")]
    [InlineData("  persistent: true\n  max_trials_per_process: 0\n", "trainer.max_trials_per_process: must be at least 1, got 0")]
    [InlineData("  max_trials_per_process: 10\n", "trainer.max_trials_per_process: only for a persistent worker (persistent: true)")]
    public void PersistentWorker_Mistakes_AreErrorsNamingTheKey(string keys, string expected)
    {
        var errors = TestSpecs.Errors(
            $"name: x\ntrainer:\n  command: [python3, worker.py]\n  metrics: [a]\n{keys}budget: {{ trials: 1 }}\nspace:\n  lr: {{ value: 0.1 }}\n",
            TestSpecs.AllDirectoriesExist);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void PersistentWorker_WithPerTrialPlaceholders_IsAnError()
    {
        var errors = TestSpecs.Errors(Spec.Replace("report_timeout: 2m", "report_timeout: 2m\n  persistent: true", StringComparison.Ordinal), TestSpecs.AllDirectoriesExist);

        Assert.Contains(errors, e => e.StartsWith("trainer.command: {lr} differs from trial to trial, but a persistent worker (persistent: true) starts once for many trials", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("trainer.command: {max_epochs} differs from trial to trial", StringComparison.Ordinal));
    }
}
