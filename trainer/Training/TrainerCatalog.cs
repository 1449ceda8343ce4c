using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// The names the trainer accepts, for spec validation and help text. Core keeps a copy
/// (HyperSearch.Spec.TrainerParameterCatalog); a test keeps the two in step.
/// </summary>
public static class TrainerCatalog
{
    public static IReadOnlyList<string> Optimizers { get; } = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"];

    public static IReadOnlyList<string> Activations { get; } = ["relu", "tanh", "sigmoid", "leaky_relu", "prelu", "elu", "silu"];

    public static IReadOnlyList<string> Models { get; } = ["mlp", "cnn"];

    public static IReadOnlyList<string> LearningRateSchedules { get; } = LearningRateSchedule.Kinds;

    public static IReadOnlyList<string> Initializations { get; } = WeightInit.Kinds;

    public static IReadOnlyList<string> Augmentations { get; } = Augmentation.Kinds;

    public static IReadOnlyList<string> Preprocessings { get; } = Preprocessing.Kinds;

    /// <summary>DESIGN.md's parameter names in its order, then the optimizer and schedule details.</summary>
    public static IReadOnlyList<string> ParameterNames { get; } =
    [
        "lr", "weight_decay", "l1", "optimizer", "momentum", "beta1", "beta2", "batch_size", "lr_schedule",
        "model", "hidden", "channels", "kernel", "activation", "dropout", "batch_norm", "init", "augment", "preprocess",
        "eps", "decay_rate", "lr_decay", "lr_step", "warmup_epochs",
    ];
}
