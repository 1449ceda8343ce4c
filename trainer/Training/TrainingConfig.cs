using System.Globalization;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;

namespace HyperSearch.Trainer.Training;

/// <summary>The typed, validated form of <see cref="TrainingJob.Parameters"/>.</summary>
/// <param name="Hidden">MLP hidden layer widths.</param>
/// <param name="Channels">CNN convolution widths, one 2x2 max-pooled block each.</param>
/// <param name="Kernel">CNN square kernel size.</param>
public sealed record class TrainingConfig(
    double LearningRate,
    double WeightDecay,
    string Optimizer,
    double Momentum,
    double Beta1,
    double Beta2,
    int BatchSize,
    string Model,
    IReadOnlyList<long> Hidden,
    IReadOnlyList<long> Channels,
    int Kernel,
    string Activation,
    double Dropout)
{
    /// <summary>L1 penalty on weights (not biases), added to the minibatch loss.</summary>
    public double L1 { get; init; }

    /// <summary>The optimizer's epsilon (adagrad, rmsprop, adam, adamw); null: the optimizer's own default.</summary>
    public double? Eps { get; init; }

    /// <summary>RMSProp's decay rate of the squared-gradient average (PyTorch's alpha).</summary>
    public double DecayRate { get; init; } = 0.99;

    /// <summary>One of <see cref="LearningRateSchedule.Kinds"/>.</summary>
    public string Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>The learning-rate factor after one decay period (step, exponential, inverse_time).</summary>
    public double LrDecay { get; init; } = 0.1;

    /// <summary>Epochs per decay period; null: a third of the epochs after warm-up (at least 1).</summary>
    public int? LrStep { get; init; }

    /// <summary>Epochs of linear learning-rate warm-up (may be fractional); 0: none.</summary>
    public double WarmupEpochs { get; init; }

    public bool BatchNorm { get; init; }

    /// <summary>One of <see cref="WeightInit.Kinds"/>.</summary>
    public string Init { get; init; } = WeightInit.Default;

    /// <summary>One of <see cref="Augmentation.Kinds"/>.</summary>
    public string Augment { get; init; } = Augmentation.None;

    /// <summary>One of <see cref="Preprocessing.Kinds"/>.</summary>
    public string Preprocess { get; init; } = Preprocessing.Standardize;

    public static TrainingConfig Default { get; } = new(
        LearningRate: 1e-3,
        WeightDecay: 0,
        Optimizer: "adam",
        Momentum: 0.9,
        Beta1: 0.9,
        Beta2: 0.999,
        BatchSize: 128,
        Model: "mlp",
        Hidden: [256],
        Channels: [32, 64],
        Kernel: 3,
        Activation: "relu",
        Dropout: 0);

    /// <summary>Whether anything regularizes training (the initial-loss check reads the data loss either way).</summary>
    public bool IsRegularized => WeightDecay > 0 || L1 > 0 || Dropout > 0 || Augment != Augmentation.None;

    /// <summary>Reads and checks parameters; absent ones take <see cref="Default"/>'s values.</summary>
    /// <exception cref="InvalidTrainingConfigException">A parameter is unknown, mistyped or out of range.</exception>
    public static TrainingConfig Parse(IReadOnlyDictionary<string, object> parameters)
    {
        var unknown = parameters.Keys.FirstOrDefault(key => !TrainerCatalog.ParameterNames.Contains(key));
        if (unknown is not null)
        {
            throw new InvalidTrainingConfigException(
                $"unknown parameter '{unknown}' (known: {string.Join(", ", TrainerCatalog.ParameterNames)})");
        }

        var reader = new ParameterReader(parameters);
        var d = Default;
        return new TrainingConfig(
            LearningRate: reader.Double("lr", d.LearningRate, min: 0, minExclusive: true),
            WeightDecay: reader.Double("weight_decay", d.WeightDecay, min: 0),
            Optimizer: reader.Choice("optimizer", d.Optimizer, TrainerCatalog.Optimizers),
            Momentum: reader.Double("momentum", d.Momentum, min: 0, max: 1),
            Beta1: reader.Double("beta1", d.Beta1, min: 0, max: 1),
            Beta2: reader.Double("beta2", d.Beta2, min: 0, max: 1),
            BatchSize: (int)reader.Integer("batch_size", d.BatchSize, min: 1, max: 1 << 20),
            Model: reader.Choice("model", d.Model, TrainerCatalog.Models),
            Hidden: reader.Integers("hidden", d.Hidden, min: 1, max: 1 << 16),
            Channels: reader.Integers("channels", d.Channels, min: 1, max: 4096),
            Kernel: (int)reader.Integer("kernel", d.Kernel, min: 1, max: 27),
            Activation: reader.Choice("activation", d.Activation, TrainerCatalog.Activations),
            Dropout: reader.Double("dropout", d.Dropout, min: 0, max: 1))
        {
            L1 = reader.Double("l1", d.L1, min: 0),
            Eps = parameters.ContainsKey("eps") ? reader.Double("eps", 1e-8, min: 0, minExclusive: true, max: 1) : null,
            DecayRate = reader.Double("decay_rate", d.DecayRate, min: 0, max: 1),
            Schedule = reader.Choice("lr_schedule", d.Schedule, TrainerCatalog.LearningRateSchedules),
            LrDecay = reader.Double("lr_decay", d.LrDecay, min: 0, minExclusive: true, max: 1, maxInclusive: true),
            LrStep = parameters.ContainsKey("lr_step") ? (int)reader.Integer("lr_step", 1, min: 1, max: 100_000) : null,
            WarmupEpochs = reader.Double("warmup_epochs", d.WarmupEpochs, min: 0, max: 100_000),
            BatchNorm = reader.Flag("batch_norm", d.BatchNorm),
            Init = reader.Choice("init", d.Init, TrainerCatalog.Initializations),
            Augment = reader.WordOrFlag("augment", d.Augment, TrainerCatalog.Augmentations, whenTrue: Augmentation.CropFlip, whenFalse: Augmentation.None),
            Preprocess = reader.Choice("preprocess", d.Preprocess, TrainerCatalog.Preprocessings),
        };
    }

    /// <summary>The same configuration without any regularization: what the overfitting check trains.</summary>
    public TrainingConfig WithoutRegularization() => this with
    {
        WeightDecay = 0,
        L1 = 0,
        Dropout = 0,
        Augment = Augmentation.None,
    };

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model} lr={LearningRate:G4} optimizer={Optimizer} batch_size={BatchSize} weight_decay={WeightDecay:G4} dropout={Dropout:G3}");
}
