using HyperSearch.Sdk;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Spec;

/// <summary>
/// Reads a training command's keys of <c>trainer:</c>: <c>command</c> (a list), <c>workdir</c>,
/// <c>env</c>, <c>metrics</c> (names, or <c>{ name, goal: max|min }</c>), <c>grace</c> and
/// <c>report_timeout</c> (durations), <c>persistent</c> (a boolean) and <c>max_trials_per_process</c>.
/// </summary>
internal static class CommandSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["command", "workdir", "env", "metrics", "grace", "report_timeout", "persistent", "max_trials_per_process"];

    public static CommandSpec? Read(MappingReader trainer, SpecParseOptions options)
    {
        var arguments = ReadArguments(trainer);
        var workdir = ReadWorkingDirectory(trainer, options);
        var environment = ReadEnvironment(trainer);
        var metrics = ReadMetrics(trainer);
        var grace = ReadDuration(trainer, "grace") ?? CommandSpec.DefaultGrace;
        var reportTimeout = ReadDuration(trainer, "report_timeout") ?? CommandSpec.DefaultReportTimeout;
        var persistent = trainer.Bool("persistent") ?? false;
        var maxTrials = trainer.Int("max_trials_per_process", min: 1);
        if (maxTrials is not null && !persistent)
        {
            trainer.Errors.Add(trainer.PathOf("max_trials_per_process"), "only for a persistent worker (persistent: true); a one-shot command already runs one trial per process");
        }

        return arguments is null || metrics is null
            ? null
            : new CommandSpec(arguments, workdir, environment, metrics, grace, reportTimeout, persistent, maxTrials);
    }

    /// <summary>
    /// The names in <c>{...}</c> that neither the space nor the trial provides, so a typo in the
    /// command fails before any trial starts.
    /// </summary>
    public static void CheckPlaceholders(CommandSpec command, IEnumerable<string> parameters, SpecErrorList errors)
    {
        var known = parameters.Concat(CommandSpec.TrialPlaceholders).ToHashSet(StringComparer.Ordinal);
        foreach (var name in command.Arguments.SelectMany(CommandPlaceholders.Names).Distinct(StringComparer.Ordinal).Where(n => !known.Contains(n)))
        {
            errors.Add("trainer.command", $"{{{name}}} names no parameter of the space (known: {SpecFormat.List(known.Order(StringComparer.Ordinal))})");
        }

        if (command.Persistent)
        {
            // One process serves many trials: what differs between them arrives with each assignment.
            foreach (var name in command.Arguments.SelectMany(CommandPlaceholders.Names).Distinct(StringComparer.Ordinal).Where(known.Contains))
            {
                errors.Add("trainer.command", $"{{{name}}} differs from trial to trial, but a persistent worker (persistent: true) starts once for many trials: read it from the trial assignment (trial.params, trial.max_epochs, trial.seed, trial.dir in the hypersearch Python module)");
            }
        }
    }

    private static string[]? ReadArguments(MappingReader trainer)
    {
        if (trainer.Node("command") is not YamlSequenceNode { Children.Count: > 0 } list || list.Children.Any(c => c is not YamlScalarNode))
        {
            trainer.Errors.Add(trainer.PathOf("command"), "expected a non-empty list such as [python3, train.py, --lr, \"{lr}\"]");
            return null;
        }

        return list.Children.Select(c => YamlScalars.TextOf(c)!).ToArray();
    }

    private static string ReadWorkingDirectory(MappingReader trainer, SpecParseOptions options)
    {
        var directory = options.ResolvePath(trainer.Text("workdir") ?? ".");
        if (!options.DirectoryExists(directory))
        {
            trainer.Errors.Add(trainer.PathOf("workdir"), $"directory not found: {directory}");
        }

        return directory;
    }

    private static Dictionary<string, string> ReadEnvironment(MappingReader trainer)
    {
        var env = MappingReader.Open(trainer.Node("env"), trainer.PathOf("env"), knownKeys: null, trainer.Errors);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _) in env.Entries)
        {
            if (env.Text(name) is { } value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    private static CommandMetric[]? ReadMetrics(MappingReader trainer)
    {
        string path = trainer.PathOf("metrics");
        if (trainer.Node("metrics") is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            trainer.Errors.Add(path, "required: the metric names the command reports, e.g. [val_accuracy, val_loss]; the first is the default objective");
            return null;
        }

        var metrics = new List<CommandMetric>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ReadMetric(list.Children[i], $"{path}[{i}]", trainer.Errors) is { } metric)
            {
                metrics.Add(metric);
            }
        }

        return metrics.Count == list.Children.Count ? metrics.ToArray() : null;
    }

    private static CommandMetric? ReadMetric(YamlNode node, string path, SpecErrorList errors)
    {
        if (YamlScalars.TextOf(node) is { Length: > 0 } name)
        {
            return new CommandMetric(name, GoalByName(name));
        }

        var entry = MappingReader.Open(node, path, ["name", "goal"], errors);
        if (entry.Text("name") is not { Length: > 0 } named)
        {
            errors.Add(path, "expected a name, or { name: NAME, goal: max|min }");
            return null;
        }

        return entry.Word("goal", SpecNames.Modes.Keys, "goal") is { } goal
            ? new CommandMetric(named, SpecNames.Modes[goal] == ObjectiveMode.Min ? MetricGoal.Minimize : MetricGoal.Maximize)
            : new CommandMetric(named, GoalByName(named));
    }

    /// <summary>Losses and errors are minimized, anything else maximized, unless the spec says otherwise.</summary>
    private static MetricGoal GoalByName(string name) =>
        name.EndsWith("loss", StringComparison.Ordinal) || name.EndsWith("error", StringComparison.Ordinal) ? MetricGoal.Minimize : MetricGoal.Maximize;

    private static TimeSpan? ReadDuration(MappingReader trainer, string key)
    {
        if (trainer.Text(key) is not { } text)
        {
            return null;
        }

        if (!SpecDuration.TryParse(text, out var value) || value <= TimeSpan.Zero)
        {
            trainer.Errors.Add(trainer.PathOf(key), $"expected a duration such as {SpecDuration.Examples}, got '{text}'");
            return null;
        }

        return value;
    }
}
