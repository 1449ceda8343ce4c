using System.Globalization;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Models;
using HyperSearch.Trainer.Toolbox;

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

    /// <summary>Epochs per decay period (cosine_restarts: of the first cycle); null: a third of the epochs after warm-up (at least 1).</summary>
    public int? LrStep { get; init; }

    /// <summary>cosine_restarts: each cycle is this many times as long as the one before.</summary>
    public int LrCycleMultiplier { get; init; } = 1;

    /// <summary>The decay of the weights' moving average evaluated beside them each epoch; null: no averaging.</summary>
    public double? Ema { get; init; }

    /// <summary>Epochs of linear learning-rate warm-up (may be fractional); 0: none.</summary>
    public double WarmupEpochs { get; init; }

    public bool BatchNorm { get; init; }

    /// <summary>CNN: "same" padding, so convolutions keep the image size; false: no padding.</summary>
    public bool SamePadding { get; init; }

    /// <summary>CNN: convolutions per block before its max pooling.</summary>
    public int ConvsPerBlock { get; init; } = 1;

    /// <summary>CNN: width of the hidden layer before the class scores.</summary>
    public int HeadWidth { get; init; } = Cnn.DefaultHeadWidth;

    /// <summary>Residual CNN: basic blocks per stage.</summary>
    public int Depth { get; init; } = 2;

    /// <summary>Residual CNN: channels of the first stage.</summary>
    public int Width { get; init; } = 16;

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

    /// <summary>Reads and checks parameters by <see cref="ToolboxSchema"/>; absent ones take <see cref="Default"/>'s values.</summary>
    /// <exception cref="InvalidTrainingConfigException">A parameter is unknown, mistyped or out of range.</exception>
    public static TrainingConfig Parse(IReadOnlyDictionary<string, object> parameters)
    {
        var schema = ToolboxSchema.Schema;
        var unknown = parameters.Keys.FirstOrDefault(key => schema.FindParameter(key) is null);
        if (unknown is not null)
        {
            throw new InvalidTrainingConfigException(
                $"unknown parameter '{unknown}' (known: {string.Join(", ", schema.Parameters.Select(p => p.Name))})");
        }

        var reader = new ParameterReader(parameters);
        var d = Default;
        return new TrainingConfig(
            LearningRate: reader.Real(ToolboxSchema.LearningRate, d.LearningRate),
            WeightDecay: reader.Real(ToolboxSchema.WeightDecay, d.WeightDecay),
            Optimizer: reader.Choice(ToolboxSchema.Optimizer, d.Optimizer),
            Momentum: reader.Real(ToolboxSchema.Momentum, d.Momentum),
            Beta1: reader.Real(ToolboxSchema.Beta1, d.Beta1),
            Beta2: reader.Real(ToolboxSchema.Beta2, d.Beta2),
            BatchSize: (int)reader.Integer(ToolboxSchema.BatchSize, d.BatchSize),
            Model: reader.Choice(ToolboxSchema.Model, d.Model),
            Hidden: reader.Integers(ToolboxSchema.Hidden, d.Hidden),
            Channels: reader.Integers(ToolboxSchema.Channels, d.Channels),
            Kernel: (int)reader.Integer(ToolboxSchema.Kernel, d.Kernel),
            Activation: reader.Choice(ToolboxSchema.Activation, d.Activation),
            Dropout: reader.Real(ToolboxSchema.Dropout, d.Dropout))
        {
            L1 = reader.Real(ToolboxSchema.L1, d.L1),
            Eps = parameters.ContainsKey(ToolboxSchema.Eps.Name) ? reader.Real(ToolboxSchema.Eps, 1e-8) : null,
            DecayRate = reader.Real(ToolboxSchema.DecayRate, d.DecayRate),
            Schedule = reader.Choice(ToolboxSchema.Schedule, d.Schedule),
            LrDecay = reader.Real(ToolboxSchema.LrDecay, d.LrDecay),
            LrStep = parameters.ContainsKey(ToolboxSchema.LrStep.Name) ? (int)reader.Integer(ToolboxSchema.LrStep, 1) : null,
            WarmupEpochs = reader.Real(ToolboxSchema.WarmupEpochs, d.WarmupEpochs),
            LrCycleMultiplier = (int)reader.Integer(ToolboxSchema.LrCycleMultiplier, d.LrCycleMultiplier),
            Ema = parameters.ContainsKey(ToolboxSchema.Ema.Name) ? reader.Real(ToolboxSchema.Ema, 0.999) : null,
            BatchNorm = reader.Flag(ToolboxSchema.BatchNorm, d.BatchNorm),
            SamePadding = reader.Choice(ToolboxSchema.Padding, d.SamePadding ? "same" : "valid") == "same",
            ConvsPerBlock = (int)reader.Integer(ToolboxSchema.ConvsPerBlock, d.ConvsPerBlock),
            HeadWidth = (int)reader.Integer(ToolboxSchema.HeadWidth, d.HeadWidth),
            Depth = (int)reader.Integer(ToolboxSchema.Depth, d.Depth),
            Width = (int)reader.Integer(ToolboxSchema.Width, d.Width),
            Init = reader.Choice(ToolboxSchema.Init, d.Init),
            Augment = reader.WordOrFlag(ToolboxSchema.Augment, d.Augment, whenTrue: Augmentation.CropFlip, whenFalse: Augmentation.None),
            Preprocess = reader.Choice(ToolboxSchema.Preprocess, d.Preprocess),
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
