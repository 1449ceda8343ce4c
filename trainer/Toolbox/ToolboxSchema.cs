using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Toolbox;

/// <summary>
/// The built-in toolbox's parameters and metrics: the one place they are declared. Spec validation
/// reads this schema (through the silo), <see cref="Training.TrainingConfig.Parse"/> reads values
/// by these definitions, and the word lists here are the ones the models, schedules and data code
/// accept. Adding a parameter is one definition here plus its use in <see cref="Training.TrainingConfig"/>.
/// </summary>
/// <remarks>
/// Pure data on the SDK (no TorchSharp), so the core test project compiles this same file to check
/// specs against the real toolbox without loading libtorch.
/// </remarks>
public static class ToolboxSchema
{
    public static ParameterDefinition LearningRate { get; } = ParameterDefinition.Real("lr", min: 0, minInclusive: false);

    public static ParameterDefinition WeightDecay { get; } = ParameterDefinition.Real("weight_decay", min: 0);

    public static ParameterDefinition L1 { get; } = ParameterDefinition.Real("l1", min: 0);

    public static ParameterDefinition Optimizer { get; } =
        ParameterDefinition.Word("optimizer", "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    public static ParameterDefinition Momentum { get; } = ParameterDefinition.Real("momentum", min: 0, max: 1);

    public static ParameterDefinition Beta1 { get; } = ParameterDefinition.Real("beta1", min: 0, max: 1);

    public static ParameterDefinition Beta2 { get; } = ParameterDefinition.Real("beta2", min: 0, max: 1);

    public static ParameterDefinition BatchSize { get; } = ParameterDefinition.Integer("batch_size", min: 1, max: 1 << 20);

    public static ParameterDefinition Schedule { get; } =
        ParameterDefinition.Word("lr_schedule", "constant", "step", "exponential", "inverse_time", "cosine", "cosine_restarts");

    public static ParameterDefinition Model { get; } = ParameterDefinition.Word("model", "mlp", "cnn", "resnet");

    /// <summary>MLP hidden layer widths.</summary>
    public static ParameterDefinition Hidden { get; } = ParameterDefinition.IntList("hidden", min: 1, max: 1 << 16);

    /// <summary>CNN convolution widths, one 2x2 max-pooled block each.</summary>
    public static ParameterDefinition Channels { get; } = ParameterDefinition.IntList("channels", min: 1, max: 4096);

    public static ParameterDefinition Kernel { get; } = ParameterDefinition.Integer("kernel", min: 1, max: 27);

    /// <summary>CNN convolutions: valid (no padding, each shrinks the image by kernel - 1) or same (keeps its size).</summary>
    public static ParameterDefinition Padding { get; } = ParameterDefinition.Word("padding", "valid", "same");

    /// <summary>CNN: convolutions in each block before its max pooling (VGG-style blocks when &gt; 1).</summary>
    public static ParameterDefinition ConvsPerBlock { get; } = ParameterDefinition.Integer("convs_per_block", min: 1, max: 4);

    /// <summary>CNN: width of the hidden layer between the convolutions and the class scores.</summary>
    public static ParameterDefinition HeadWidth { get; } = ParameterDefinition.Integer("head_width", min: 1, max: 1 << 16);

    /// <summary>Residual CNN: basic blocks per stage (three stages).</summary>
    public static ParameterDefinition Depth { get; } = ParameterDefinition.Integer("depth", min: 1, max: 18);

    /// <summary>Residual CNN: channels of the first stage (the second and third have 2x and 4x).</summary>
    public static ParameterDefinition Width { get; } = ParameterDefinition.Integer("width", min: 1, max: 512);

    public static ParameterDefinition Activation { get; } =
        ParameterDefinition.Word("activation", "relu", "tanh", "sigmoid", "leaky_relu", "prelu", "elu", "silu");

    public static ParameterDefinition Dropout { get; } = ParameterDefinition.Real("dropout", min: 0, max: 1);

    public static ParameterDefinition BatchNorm { get; } = ParameterDefinition.Flag("batch_norm");

    public static ParameterDefinition Init { get; } = ParameterDefinition.Word("init", "default", "xavier", "kaiming");

    /// <summary>true means crop_flip and false none.</summary>
    public static ParameterDefinition Augment { get; } =
        new("augment", ParameterType.WordOrFlag, ["none", "crop", "flip", "crop_flip"]);

    public static ParameterDefinition Preprocess { get; } = ParameterDefinition.Word("preprocess", "standardize", "mean_image", "none");

    public static ParameterDefinition Eps { get; } = ParameterDefinition.Real("eps", min: 0, max: 1, minInclusive: false);

    /// <summary>RMSProp's decay rate of the squared-gradient average.</summary>
    public static ParameterDefinition DecayRate { get; } = ParameterDefinition.Real("decay_rate", min: 0, max: 1);

    public static ParameterDefinition LrDecay { get; } = ParameterDefinition.Real("lr_decay", min: 0, max: 1, minInclusive: false, maxInclusive: true);

    public static ParameterDefinition LrStep { get; } = ParameterDefinition.Integer("lr_step", min: 1, max: 100_000);

    /// <summary>cosine_restarts: each cycle is this many times as long as the one before (SGDR's T_mult); the first is lr_step epochs.</summary>
    public static ParameterDefinition LrCycleMultiplier { get; } = ParameterDefinition.Integer("lr_cycle_multiplier", min: 1, max: 16);

    /// <summary>Polyak averaging: the decay of an exponential moving average of the weights, evaluated each epoch beside them (trainer/Training/WeightAverage.cs).</summary>
    public static ParameterDefinition Ema { get; } = ParameterDefinition.Real("ema", min: 0, max: 1, minInclusive: false, maxInclusive: false);

    public static ParameterDefinition WarmupEpochs { get; } = ParameterDefinition.Real("warmup_epochs", min: 0, max: 100_000);

    public static MetricDefinition ValAccuracy { get; } = MetricDefinition.Maximize("val_accuracy");

    public static MetricDefinition ValLoss { get; } = MetricDefinition.Minimize("val_loss");

    public static MetricDefinition TrainLoss { get; } = MetricDefinition.Minimize("train_loss");

    /// <summary>One epoch's figures under the names the toolbox (and the simulated trainer standing in for it) reports.</summary>
    public static Dictionary<string, double> Figures(double trainLoss, double valLoss, double valAccuracy) => new()
    {
        [ValAccuracy.Name] = valAccuracy,
        [ValLoss.Name] = valLoss,
        [TrainLoss.Name] = trainLoss,
    };

    /// <summary>Every parameter: the cs231n core list in its order, then the optimizer and schedule details.</summary>
    public static TrainerSchema Schema { get; } = new(
        [
            LearningRate, WeightDecay, L1, Optimizer, Momentum, Beta1, Beta2, BatchSize, Schedule, Model, Hidden, Channels, Kernel,
            Activation, Dropout, BatchNorm, Init, Augment, Preprocess, Eps, DecayRate, LrDecay, LrStep, WarmupEpochs, Depth, Width,
            Padding, ConvsPerBlock, HeadWidth, LrCycleMultiplier, Ema,
        ],
        [ValAccuracy, ValLoss, TrainLoss])
    {
        RequiresData = true,
        DetectsDivergence = true,
    };
}
