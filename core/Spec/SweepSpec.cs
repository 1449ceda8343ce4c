using HyperSearch.Ensembles;
using HyperSearch.Search;

namespace HyperSearch.Spec;

/// <summary>A parsed and validated sweep specification (the YAML contract in the README's "Sweep spec").</summary>
/// <param name="Data">Null when the spec has no <c>data:</c> and its trainer loads its own data.</param>
/// <param name="Trainer">The user's plugin; null: the silo's built-in trainer.</param>
/// <param name="Checkpoints">Resumable checkpoints; null (a spec stored before they existed): <see cref="CheckpointSpec.Default"/>.</param>
/// <param name="WarmStart">Earlier sweeps whose trials the model-based searchers learn from before this one's (<c>warm_start:</c>); null: none.</param>
/// <param name="SeedTrials">Configurations to run first, before the searcher proposes any (<c>seed_trials:</c>); null: none.</param>
/// <param name="Parent">The sweep this one refines (<c>parent:</c>, written by <c>hypersearch refine</c>); null: none.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SweepSpec")]
public sealed record class SweepSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] DataSpec? Data,
    [property: Id(2)] ObjectiveSpec Objective,
    [property: Id(3)] BudgetSpec Budget,
    [property: Id(4)] SearchSpec Search,
    [property: Id(5)] SchedulerSpec Scheduler,
    [property: Id(6)] ParameterSpec[] Space,
    [property: Id(7)] EnsembleSpec? Ensemble,
    [property: Id(8)] TrainerSpec? Trainer = null,
    [property: Id(9)] CheckpointSpec? Checkpoints = null,
    [property: Id(10)] string? Parent = null,
    [property: Id(11)] WarmStartSpec? WarmStart = null,
    [property: Id(12)] SeedTrial[]? SeedTrials = null);

/// <summary><c>warm_start:</c>: the sweeps whose finished trials inside this sweep's space are observed before its own.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.WarmStartSpec")]
public sealed record class WarmStartSpec(
    [property: Id(0)] string[] Sweeps);

/// <summary>One entry of <c>seed_trials:</c>: a whole configuration of the space, fixed values filled in.</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.SeedTrial")]
public sealed record class SeedTrial(
    [property: Id(0)] Dictionary<string, ParamValue> Parameters);

[GenerateSerializer, Immutable, Alias("HyperSearch.DataSpec")]
public sealed record class DataSpec(
    [property: Id(0)] string Dataset,
    [property: Id(1)] string Path,
    [property: Id(2)] int? TrainSubset,
    [property: Id(3)] int Validation,
    [property: Id(4)] int SplitSeed);

public enum ObjectiveMode
{
    Max,
    Min,
}

[GenerateSerializer, Immutable, Alias("HyperSearch.ObjectiveSpec")]
public sealed record class ObjectiveSpec(
    [property: Id(0)] string Metric,
    [property: Id(1)] ObjectiveMode Mode)
{
    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/>.</summary>
    public bool IsBetter(double candidate, double incumbent) =>
        Mode == ObjectiveMode.Max ? candidate > incumbent : candidate < incumbent;
}

/// <param name="Epochs">The total epochs every trial together may train (<c>budget.epochs</c>); null: no such limit.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.BudgetSpec")]
public sealed record class BudgetSpec(
    [property: Id(0)] int Trials,
    [property: Id(1)] int MaxEpochs,
    [property: Id(2)] int Parallelism,
    [property: Id(3)] TimeSpan? TimeLimit,
    [property: Id(4)] int? Epochs = null);

public enum SearchStrategy
{
    Random,
    Grid,
    CoarseToFine,
    Tpe,

    /// <summary>Bayesian optimisation with a Gaussian process and expected improvement.</summary>
    Gp,
}

[GenerateSerializer, Immutable, Alias("HyperSearch.SearchSpec")]
public sealed record class SearchSpec(
    [property: Id(0)] SearchStrategy Strategy,
    [property: Id(1)] int Seed,
    [property: Id(2)] int GridPoints,
    [property: Id(3)] int Rounds,
    [property: Id(4)] int TopK,
    [property: Id(5)] int StartupTrials = SearchSpec.DefaultStartupTrials,
    [property: Id(6)] bool Multivariate = false,
    [property: Id(7)] bool ConstantLiar = true)
{
    /// <summary>TPE's random trials before it models anything (hyperopt's and Optuna's default).</summary>
    public const int DefaultStartupTrials = TpeSettings.DefaultStartupTrials;

    /// <summary>The settings a model-based searcher reads.</summary>
    public TpeSettings Tpe => new(StartupTrials, Multivariate, ConstantLiar);
}

public enum SchedulerType
{
    None,
    Asha,
    Hyperband,
    Median,
    Pbt,
}

/// <summary>What ASHA and Hyperband do with a trial that is not promotable when it reaches a rung.</summary>
public enum SchedulerMode
{
    /// <summary>Judge it once, on arrival (ceil(n/eta)), and stop it for good: pruned.</summary>
    Stop,

    /// <summary>Pause it and promote it later from its checkpoint when it becomes promotable (floor(n/eta), Li et al. 2020).</summary>
    Pause,
}

/// <param name="Mode">ASHA and Hyperband only.</param>
/// <param name="IntervalEpochs">PBT: exploit and explore every this many epochs.</param>
/// <param name="Quantile">PBT: the bottom this share of the population copies from the top this share.</param>
/// <param name="ResampleProbability">PBT: the chance that explore draws a parameter afresh instead of perturbing it.</param>
[GenerateSerializer, Immutable, Alias("HyperSearch.SchedulerSpec")]
public sealed record class SchedulerSpec(
    [property: Id(0)] SchedulerType Type,
    [property: Id(1)] int GraceEpochs,
    [property: Id(2)] int ReductionFactor,
    [property: Id(3)] SchedulerMode Mode = SchedulerMode.Stop,
    [property: Id(4)] int IntervalEpochs = 2,
    [property: Id(5)] double Quantile = 0.25,
    [property: Id(6)] double ResampleProbability = 0.25);

public enum EnsembleMethod
{
    Average,
    Greedy,
}

/// <summary>How an ensemble's test images are also predicted: each checkpoint's prediction averaged over views of the image.</summary>
public enum TestTimeAugmentation
{
    None,

    /// <summary>The image and its left-right mirror image (for models trained with <c>augment: flip</c>).</summary>
    Flip,
}

/// <param name="Augmentation">Test-time augmentation to score the ensemble with as well (<c>ensemble.test_time_augmentation</c>).</param>
/// <param name="Selection">Greedy selection's settings (<c>ensemble.sorted_init</c>, <c>min_members</c>, <c>bags</c>); null: <see cref="SelectionSettings.Default"/>.</param>
/// <param name="Snapshots">
/// <c>ensemble.snapshots</c>: each trial also keeps the model at the end of each of its last N
/// learning-rate cycles (<c>lr_schedule: cosine_restarts</c>) as an ensemble candidate; 0: none.
/// </param>
[GenerateSerializer, Immutable, Alias("HyperSearch.EnsembleSpec")]
public sealed record class EnsembleSpec(
    [property: Id(0)] int TopK,
    [property: Id(1)] EnsembleMethod Method,
    [property: Id(2)] bool Retrain,
    [property: Id(3)] TestTimeAugmentation Augmentation = TestTimeAugmentation.None,
    [property: Id(4)] SelectionSettings? Selection = null,
    [property: Id(5)] int Snapshots = 0);

public enum DistributionKind
{
    Uniform,
    LogUniform,
    Int,
    Choice,
    Value,
}

/// <summary>
/// One entry of <c>space:</c>. For Uniform/LogUniform/Int, <see cref="Low"/> and <see cref="High"/>
/// bound the range (inclusive for Int); for Choice and Value, <see cref="Options"/> holds the values
/// (exactly one for Value). <see cref="When"/> lists conditions that must all hold for the parameter
/// to be active; each names an earlier parameter and the values that activate this one.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.ParameterSpec")]
public sealed record class ParameterSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] DistributionKind Kind,
    [property: Id(2)] double Low,
    [property: Id(3)] double High,
    [property: Id(4)] ParamValue[] Options,
    [property: Id(5)] ParameterCondition[] When,
    [property: Id(6)] ParameterBounds? Bounds = null);

/// <summary>
/// The values the trainer accepts for a numeric parameter (from its schema), so a coarse-to-fine
/// round that widens a range never proposes a value the trainer rejects. Null bounds: unbounded.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.ParameterBounds")]
public sealed record class ParameterBounds(
    [property: Id(0)] double? Min,
    [property: Id(1)] bool MinInclusive,
    [property: Id(2)] double? Max,
    [property: Id(3)] bool MaxInclusive)
{
    public static ParameterBounds? Of(HyperSearch.Sdk.ParameterDefinition? definition) =>
        definition is { Min: null, Max: null } or null
            ? null
            : new ParameterBounds(definition.Min, definition.MinInclusive, definition.Max, definition.MaxInclusive);
}

[GenerateSerializer, Immutable, Alias("HyperSearch.ParameterCondition")]
public sealed record class ParameterCondition(
    [property: Id(0)] string Parameter,
    [property: Id(1)] ParamValue[] Values);
