namespace HyperSearch.Spec;

/// <summary>
/// Reads and validates a sweep spec (the README's "Sweep spec"). Every
/// problem is collected, each under its key path, and thrown together as one
/// <see cref="SpecException"/>; a spec that parses is complete, with every default filled in.
/// </summary>
public static class SpecParser
{
    public static readonly IReadOnlyList<string> RootKeys =
        ["name", "trainer", "data", "objective", "budget", "search", "scheduler", "space", "warm_start", "seed_trials", "ensemble", "checkpoints", "parent"];

    /// <summary>The argument name used when the spec file itself is the problem.</summary>
    private const string FilePath = "SPEC";

    public static SweepSpec Parse(string yamlText) => Parse(yamlText, SpecParseOptions.Default);

    public static SweepSpec Parse(string yamlText, Func<string, bool> directoryExists) =>
        Parse(yamlText, new SpecParseOptions { DirectoryExists = directoryExists });

    public static SweepSpec Parse(string yamlText, SpecParseOptions options)
    {
        if (yamlText.Length > SpecLimits.FileBytes)
        {
            throw new SpecException(new SpecError(FilePath, $"{yamlText.Length} characters: a spec may have at most {SpecLimits.FileBytes}"));
        }

        var errors = new SpecErrorList();
        var root = YamlDocumentLoader.Load(yamlText);
        if (root is null)
        {
            throw new SpecException(new SpecError(MappingReader.SelfPath(""), "the spec is empty"));
        }

        var top = MappingReader.Open(root, "", RootKeys, errors);
        string? name = top.Text("name");
        if (!top.Has("name") || (name is not null && string.IsNullOrWhiteSpace(name)))
        {
            errors.Add("name", "required (a non-empty name for the sweep)");
        }
        else if (name is not null && name.Trim().Length > SpecLimits.NameLength)
        {
            errors.Add("name", $"at most {SpecLimits.NameLength} characters, got {name.Trim().Length}");
        }
        else if (name is not null && name.Any(char.IsControl))
        {
            errors.Add("name", "must not contain control characters (line breaks, tabs)");
        }

        string? parent = ReadParent(top, errors);

        // Sections are read in the contract's order, so errors come out in the order a user
        // usually wrote them; the trainer first, since its schema decides what the rest may say.
        var trainer = TrainerSectionParser.Read(Section(top, "trainer", TrainerSectionParser.Keys, errors), options);
        var schema = ResolveSchema(trainer, top.Has("trainer"), options, errors);
        var dataSection = Section(top, "data", DataSectionParser.Keys, errors);
        bool needsData = dataSection.IsPresent || (schema?.RequiresData ?? options.Trainers is null);
        var data = needsData ? DataSectionParser.Read(dataSection, options) : null;
        var objective = ObjectiveSectionParser.Read(Section(top, "objective", ObjectiveSectionParser.Keys, errors), schema);
        var budget = BudgetSectionParser.Read(Section(top, "budget", BudgetSectionParser.Keys, errors));
        var search = SearchSectionParser.Read(Section(top, "search", SearchSectionParser.Keys, errors), options);
        var scheduler = SchedulerSectionParser.Read(Section(top, "scheduler", SchedulerSectionParser.Keys, errors), options);
        if (data is not null && !dataSection.Has("split_seed"))
        {
            // One seed in the spec should make the whole sweep reproducible, data split included.
            data = data with { SplitSeed = search.Seed };
        }
        var space = SpaceParser.Read(top.Node("space"), new TrainerSchemaView(schema), errors);
        var warmStart = PriorSectionParser.ReadWarmStart(Section(top, "warm_start", PriorSectionParser.WarmStartKeys, errors));
        var seeds = PriorSectionParser.ReadSeedTrials(top.Node("seed_trials"), space, errors);
        if (seeds is not null && seeds.Length > budget.Trials)
        {
            errors.Add("seed_trials", $"{seeds.Length} configurations, but budget.trials is {budget.Trials} (seed trials count as trials)");
        }

        var ensemble = EnsembleSectionParser.Read(Section(top, "ensemble", EnsembleSectionParser.Keys, errors));
        var checkpoints = CheckpointSectionParser.Read(Section(top, "checkpoints", CheckpointSectionParser.Keys, errors));
        if (trainer?.Command is { } command)
        {
            CommandSectionParser.CheckPlaceholders(command, DeclaredNames(top.Node("space")), errors);
        }

        if (ensemble is { Retrain: true } && trainer is not null)
        {
            // Only the built-in trainer knows to fold the validation images into training (TrialLease.ValidationInTraining).
            errors.Add("ensemble.retrain", "retraining needs the built-in trainer (plugins and command trials would train on the training split only)");
        }

        if (ensemble is { Augmentation: not TestTimeAugmentation.None } && trainer is not null)
        {
            // The mirror images are predicted by reloading a checkpoint, which only the built-in trainer's can be.
            errors.Add("ensemble.test_time_augmentation", "test-time augmentation needs the built-in trainer (plugin and command trials' checkpoints cannot be reloaded to predict the mirror images)");
        }

        if (ensemble is { Snapshots: > 0 } && trainer is null
            && !space.Any(p => p.Name == "lr_schedule" && p.Options.Any(o => o.Text == "cosine_restarts")))
        {
            // Snapshots are taken where a cycle of the learning rate ends (trainer/Training/SnapshotEpochs.cs).
            errors.Add("ensemble.snapshots", "snapshots are taken at the ends of learning-rate cycles: space.lr_schedule must be, or may be, cosine_restarts");
        }

        if (scheduler.Type == SchedulerType.Pbt && !checkpoints.Resume)
        {
            errors.Add("scheduler.type", "pbt needs checkpoints.resume: true (an exploiting trial continues from another's checkpoint)");
        }

        if (scheduler.Mode == SchedulerMode.Pause && !checkpoints.Resume)
        {
            // A paused trial is promoted from its checkpoint; without resuming it would start over.
            errors.Add("scheduler.mode", "pause needs checkpoints.resume: true (a promoted trial continues from its checkpoint)");
        }

        if (scheduler.GraceEpochs > budget.MaxEpochs)
        {
            // A trial that may never reach its first rung can never be stopped early.
            errors.Add("scheduler.grace_epochs", $"{scheduler.GraceEpochs} exceeds budget.max_epochs {budget.MaxEpochs}");
        }

        errors.ThrowIfAny();
        return new SweepSpec(name!.Trim(), data, objective, budget, search, scheduler, space, ensemble, trainer, checkpoints, parent, warmStart, seeds);
    }

    public static SweepSpec ParseFile(string path) => ParseFile(path, SpecParseOptions.Default);

    public static SweepSpec ParseFile(string path, Func<string, bool> directoryExists) =>
        ParseFile(path, new SpecParseOptions { DirectoryExists = directoryExists });

    /// <summary>
    /// Reads the spec at <paramref name="path"/>; relative data paths in it are taken relative to the
    /// file's directory, so a spec and its data can move together.
    /// </summary>
    public static SweepSpec ParseFile(string path, SpecParseOptions options)
    {
        string fullPath = Path.GetFullPath(path);
        string text = SpecFile.ReadText(fullPath);
        return Parse(text, options with { BaseDirectory = Path.GetDirectoryName(fullPath) });
    }

    /// <summary>The sweep this one refines (<c>parent:</c>): a sweep id, as <c>hypersearch refine</c> writes it.</summary>
    private static string? ReadParent(MappingReader top, SpecErrorList errors)
    {
        if (!top.Has("parent"))
        {
            return null;
        }

        string? parent = top.Text("parent")?.Trim();
        if (string.IsNullOrEmpty(parent) || parent.Length > SpecLimits.NameLength * 2 || parent.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '/' or '\\'))
        {
            errors.Add("parent", "expected the id of the sweep this one refines (no spaces or slashes), e.g. fmnist-20261207-230501-ab12");
            return null;
        }

        return parent;
    }

    /// <summary>
    /// The named trainer's schema; null (nothing checked against it) when there is no resolver or the
    /// trainer is unusable, which is then the one error reported about it.
    /// </summary>
    private static Sdk.TrainerSchema? ResolveSchema(TrainerSpec? trainer, bool named, SpecParseOptions options, SpecErrorList errors)
    {
        if (trainer?.Command is { } command)
        {
            return command.Schema; // the spec itself declares what a command reports
        }

        if (options.Trainers is null || (named && trainer is null))
        {
            return null;
        }

        try
        {
            return options.Trainers.Resolve(trainer);
        }
        catch (TrainerUnavailableException e)
        {
            errors.Add(e.Key, e.Message);
            return null;
        }
    }

    /// <summary>Every name <c>space:</c> declares, valid entries or not.</summary>
    private static IEnumerable<string> DeclaredNames(YamlDotNet.RepresentationModel.YamlNode? space) =>
        space is YamlDotNet.RepresentationModel.YamlMappingNode mapping
            ? mapping.Children.Keys.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>().Select(key => key.Value ?? "")
            : [];

    private static MappingReader Section(MappingReader top, string key, IReadOnlyList<string> keys, SpecErrorList errors) =>
        MappingReader.Open(top.Node(key), top.PathOf(key), keys, errors);
}
