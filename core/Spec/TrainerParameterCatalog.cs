namespace HyperSearch.Spec;

/// <summary>
/// The parameter names and categorical values the trainer understands (DESIGN.md's trainer
/// parameter list). The trainer keeps its own copy because core must not reference it; a
/// cross-check test keeps the two in step. Limits match the trainer's checks, so a value that
/// passes here is not rejected when its trial starts.
/// </summary>
public static class TrainerParameterCatalog
{
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"];

    public static IReadOnlyList<string> Models { get; } = ["mlp", "cnn"];

    public static IReadOnlyList<string> Activations { get; } = ["relu", "tanh", "sigmoid", "leaky_relu", "prelu", "elu", "silu"];

    public static IReadOnlyList<string> LearningRateSchedules { get; } = ["constant", "step", "exponential", "inverse_time", "cosine"];

    public static IReadOnlyList<string> Initializations { get; } = ["default", "xavier", "kaiming"];

    /// <summary>Words of <c>augment</c>; true means crop_flip and false none.</summary>
    public static IReadOnlyList<string> Augmentations { get; } = ["none", "crop", "flip", "crop_flip"];

    public static IReadOnlyList<string> Preprocessings { get; } = ["standardize", "mean_image", "none"];

    /// <summary>Every parameter: DESIGN.md's list in its order, then the optimizer and schedule details.</summary>
    public static IReadOnlyList<TrainerParameter> Parameters { get; } =
    [
        new("lr", TrainerValueType.Real, Min: 0, MinInclusive: false),
        new("weight_decay", TrainerValueType.Real, Min: 0),
        new("l1", TrainerValueType.Real, Min: 0),
        new("optimizer", TrainerValueType.Word, Optimizers),
        new("momentum", TrainerValueType.Real, Min: 0, Max: 1),
        new("beta1", TrainerValueType.Real, Min: 0, Max: 1),
        new("beta2", TrainerValueType.Real, Min: 0, Max: 1),
        new("batch_size", TrainerValueType.Integer, Min: 1, Max: 1 << 20, MaxInclusive: true),
        new("lr_schedule", TrainerValueType.Word, LearningRateSchedules),
        new("model", TrainerValueType.Word, Models),
        new("hidden", TrainerValueType.IntList, Min: 1, Max: 1 << 16, MaxInclusive: true),
        new("channels", TrainerValueType.IntList, Min: 1, Max: 4096, MaxInclusive: true),
        new("kernel", TrainerValueType.Integer, Min: 1, Max: 27, MaxInclusive: true),
        new("activation", TrainerValueType.Word, Activations),
        new("dropout", TrainerValueType.Real, Min: 0, Max: 1),
        new("batch_norm", TrainerValueType.Flag),
        new("init", TrainerValueType.Word, Initializations),
        new("augment", TrainerValueType.WordOrFlag, Augmentations),
        new("preprocess", TrainerValueType.Word, Preprocessings),
        new("eps", TrainerValueType.Real, Min: 0, MinInclusive: false, Max: 1),
        new("decay_rate", TrainerValueType.Real, Min: 0, Max: 1),
        new("lr_decay", TrainerValueType.Real, Min: 0, MinInclusive: false, Max: 1, MaxInclusive: true),
        new("lr_step", TrainerValueType.Integer, Min: 1, Max: 100_000, MaxInclusive: true),
        new("warmup_epochs", TrainerValueType.Real, Min: 0, Max: 100_000),
    ];

    public static IReadOnlyList<string> Names { get; } = Parameters.Select(p => p.Name).ToArray();

    private static readonly Dictionary<string, TrainerParameter> ByName =
        Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrainerParameter? parameter) =>
        ByName.TryGetValue(name, out parameter);
}
