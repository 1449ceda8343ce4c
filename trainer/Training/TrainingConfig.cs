using System.Globalization;

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
            Dropout: reader.Double("dropout", d.Dropout, min: 0, max: 1));
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model} lr={LearningRate:G4} optimizer={Optimizer} batch_size={BatchSize} weight_decay={WeightDecay:G4} dropout={Dropout:G3}");
}
