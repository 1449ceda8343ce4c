namespace HyperSearch.Trainer.Training;

/// <summary>The names the trainer accepts, for spec validation and help text.</summary>
public static class TrainerCatalog
{
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"];

    public static IReadOnlyList<string> Activations { get; } = ["relu", "tanh", "sigmoid", "leaky_relu", "elu", "silu"];

    public static IReadOnlyList<string> Models { get; } = ["mlp", "cnn"];

    /// <summary>Every parameter name of DESIGN.md; those not in <see cref="ImplementedParameterNames"/> are accepted and ignored.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } =
    [
        "lr", "weight_decay", "l1", "optimizer", "momentum", "beta1", "beta2", "batch_size", "lr_schedule",
        "model", "hidden", "channels", "kernel", "activation", "dropout", "batch_norm", "init", "augment", "preprocess",
    ];

    /// <summary>The parameters that change what the trainer does today.</summary>
    public static IReadOnlyList<string> ImplementedParameterNames { get; } =
    [
        "lr", "weight_decay", "optimizer", "momentum", "beta1", "beta2", "batch_size",
        "model", "hidden", "channels", "kernel", "activation", "dropout",
    ];
}
