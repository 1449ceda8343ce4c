using System.Text;

namespace HyperSearch.Spec;

/// <summary>
/// Writes a <see cref="SweepSpec"/> as the YAML that <see cref="SpecParser"/> reads back to the same
/// spec (every key explicit, text quoted), with comment lines above any key (by its path, e.g.
/// <c>space.lr</c>, <c>budget.max_epochs</c>). <c>hypersearch refine</c> writes the next round with it.
/// </summary>
public static class SpecYamlWriter
{
    public static string Write(SweepSpec spec, IEnumerable<string>? header = null, Func<string, IEnumerable<string>>? comments = null)
    {
        var yaml = new Writer(comments ?? (_ => []));
        foreach (var line in header ?? [])
        {
            yaml.Comment("", line);
        }

        yaml.Key("", "name", YamlText.Quoted(spec.Name));
        if (spec.Parent is { } parent)
        {
            yaml.Key("", "parent", YamlText.Quoted(parent));
        }

        WriteTrainer(yaml, spec.Trainer);
        if (spec.Data is { } data)
        {
            yaml.Section("data");
            yaml.Key("data", "dataset", data.Dataset);
            if (data.Path.Length > 0)
            {
                yaml.Key("data", "path", YamlText.Quoted(data.Path));
            }

            yaml.Key("data", "train_subset", data.TrainSubset is { } subset ? YamlText.Integer(subset) : null);
            yaml.Key("data", "validation", YamlText.Integer(data.Validation));
            yaml.Key("data", "split_seed", YamlText.Integer(data.SplitSeed));
        }

        yaml.Section("objective");
        yaml.Key("objective", "metric", YamlText.Quoted(spec.Objective.Metric));
        yaml.Key("objective", "mode", SpecNames.Of(spec.Objective.Mode));
        WriteBudget(yaml, spec.Budget);
        WriteSearch(yaml, spec.Search);
        WriteScheduler(yaml, spec.Scheduler);
        yaml.Section("space");
        foreach (var parameter in spec.Space)
        {
            yaml.Key("space", parameter.Name, SpaceYaml.Entry(parameter));
        }

        if (spec.WarmStart is { } warmStart)
        {
            yaml.Section("warm_start");
            yaml.Key("warm_start", "sweeps", YamlText.List(warmStart.Sweeps.Select(YamlText.Quoted)));
        }

        if (spec.SeedTrials is { Length: > 0 } seeds)
        {
            yaml.Section("seed_trials");
            foreach (var seed in seeds)
            {
                yaml.Item("seed_trials", "{ " + string.Join(", ", seed.Parameters.Select(p => $"{p.Key}: {YamlText.Value(p.Value)}")) + " }");
            }
        }

        if (spec.Ensemble is { } ensemble)
        {
            yaml.Section("ensemble");
            yaml.Key("ensemble", "top_k", YamlText.Integer(ensemble.TopK));
            yaml.Key("ensemble", "method", SpecNames.Of(ensemble.Method));
            yaml.Key("ensemble", "retrain", YamlText.Bool(ensemble.Retrain));
            yaml.Key("ensemble", "test_time_augmentation", SpecNames.Of(ensemble.Augmentation));
            if (ensemble.Selection is { } selection)
            {
                yaml.Key("ensemble", "sorted_init", YamlText.Integer(selection.SortedInit));
                yaml.Key("ensemble", "min_members", YamlText.Integer(selection.MinMembers));
                yaml.Key("ensemble", "bags", YamlText.Integer(selection.Bags));
            }

            if (ensemble.Snapshots > 0)
            {
                yaml.Key("ensemble", "snapshots", YamlText.Integer(ensemble.Snapshots));
            }
        }

        var checkpoints = spec.Checkpoints ?? CheckpointSpec.Default;
        yaml.Section("checkpoints");
        yaml.Key("checkpoints", "resume", YamlText.Bool(checkpoints.Resume));
        yaml.Key("checkpoints", "every_epochs", YamlText.Integer(checkpoints.EveryEpochs));
        return yaml.ToString();
    }

    private static void WriteTrainer(Writer yaml, TrainerSpec? trainer)
    {
        if (trainer is null)
        {
            return;
        }

        yaml.Section("trainer");
        if (trainer.Command is not { } command)
        {
            yaml.Key("trainer", "plugin", trainer.Plugin is { } plugin ? YamlText.Quoted(plugin) : null);
            yaml.Key("trainer", "type", trainer.Type is { } type ? YamlText.Quoted(type) : null);
            return;
        }

        yaml.Key("trainer", "command", YamlText.List(command.Arguments.Select(YamlText.Quoted)));
        yaml.Key("trainer", "workdir", YamlText.Quoted(command.WorkingDirectory));
        if (command.Environment.Count > 0)
        {
            yaml.Key("trainer", "env", "{ " + string.Join(", ", command.Environment.Select(e => $"{YamlText.Quoted(e.Key)}: {YamlText.Quoted(e.Value)}")) + " }");
        }

        yaml.Key("trainer", "metrics", YamlText.List(command.Metrics.Select(m =>
            $"{{ name: {YamlText.Quoted(m.Name)}, goal: {(m.Goal == Sdk.MetricGoal.Minimize ? "min" : "max")} }}")));
        yaml.Key("trainer", "grace", SpecDuration.Format(command.Grace));
        yaml.Key("trainer", "report_timeout", SpecDuration.Format(command.ReportTimeout));
        yaml.Key("trainer", "persistent", YamlText.Bool(command.Persistent));
        yaml.Key("trainer", "max_trials_per_process", command.MaxTrialsPerProcess is { } max ? YamlText.Integer(max) : null);
    }

    private static void WriteBudget(Writer yaml, BudgetSpec budget)
    {
        yaml.Section("budget");
        yaml.Key("budget", "trials", YamlText.Integer(budget.Trials));
        yaml.Key("budget", "max_epochs", YamlText.Integer(budget.MaxEpochs));
        yaml.Key("budget", "parallelism", budget.Parallelism > 0 ? YamlText.Integer(budget.Parallelism) : null);
        yaml.Key("budget", "time_limit", budget.TimeLimit is { } limit ? SpecDuration.Format(limit) : null);
        yaml.Key("budget", "epochs", budget.Epochs is { } epochs ? YamlText.Integer(epochs) : null);
    }

    private static void WriteSearch(Writer yaml, SearchSpec search)
    {
        yaml.Section("search");
        yaml.Key("search", "strategy", SpecNames.Of(search.Strategy));
        yaml.Key("search", "seed", YamlText.Integer(search.Seed));
        yaml.Key("search", "grid_points", YamlText.Integer(search.GridPoints));
        yaml.Key("search", "rounds", YamlText.Integer(search.Rounds));
        yaml.Key("search", "top_k", YamlText.Integer(search.TopK));
        yaml.Key("search", "startup_trials", YamlText.Integer(search.StartupTrials));
        yaml.Key("search", "multivariate", YamlText.Bool(search.Multivariate));
        yaml.Key("search", "constant_liar", YamlText.Bool(search.ConstantLiar));
    }

    private static void WriteScheduler(Writer yaml, SchedulerSpec scheduler)
    {
        yaml.Section("scheduler");
        yaml.Key("scheduler", "type", SpecNames.Of(scheduler.Type));
        yaml.Key("scheduler", "grace_epochs", YamlText.Integer(scheduler.GraceEpochs));
        yaml.Key("scheduler", "reduction_factor", YamlText.Integer(scheduler.ReductionFactor));
        if (scheduler.Type is SchedulerType.Asha or SchedulerType.Hyperband)
        {
            yaml.Key("scheduler", "mode", SpecNames.Of(scheduler.Mode));
        }

        if (scheduler.Type == SchedulerType.Pbt)
        {
            yaml.Key("scheduler", "interval_epochs", YamlText.Integer(scheduler.IntervalEpochs));
            yaml.Key("scheduler", "quantile", YamlText.Number(scheduler.Quantile));
            yaml.Key("scheduler", "resample_probability", YamlText.Number(scheduler.ResampleProbability));
        }
    }

    /// <summary>Lines of a block mapping: top-level keys and sections, their keys indented once, comments above the key they explain.</summary>
    private sealed class Writer(Func<string, IEnumerable<string>> comments)
    {
        private readonly StringBuilder _text = new();

        public void Section(string name)
        {
            Emit("", name);
            _text.Append(name).Append(":\n");
        }

        /// <summary>A key and its value; nothing when the value is null (the key is left out).</summary>
        public void Key(string section, string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            string path = section.Length == 0 ? key : $"{section}.{key}";
            string indent = section.Length == 0 ? "" : "  ";
            Emit(indent, path);
            _text.Append(indent).Append(key.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '-')) ? YamlText.Quoted(key) : key).Append(": ").Append(value).Append('\n');
        }

        /// <summary>An entry of a section that is a list.</summary>
        public void Item(string section, string value)
        {
            Emit("  ", section + "[]");
            _text.Append("  - ").Append(value).Append('\n');
        }

        public void Comment(string indent, string line) => _text.Append(indent).Append("# ").Append(line.ReplaceLineEndings(" ")).Append('\n');

        public override string ToString() => _text.ToString();

        private void Emit(string indent, string path)
        {
            foreach (var line in comments(path))
            {
                Comment(indent, line);
            }
        }
    }
}
