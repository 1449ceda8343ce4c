using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>Builds (and initializes) the model a <see cref="TrainingConfig"/> names for images of a shape.</summary>
public static class ModelFactory
{
    /// <summary>Weights come from torch's global generator: seed it first for a repeatable model.</summary>
    /// <exception cref="InvalidTrainingConfigException">The model does not fit the data's shape.</exception>
    public static nn.Module<Tensor, Tensor> Create(TrainingConfig config, ImageShape shape, int classes)
    {
        nn.Module<Tensor, Tensor> model = config.Model switch
        {
            "mlp" => new Mlp(shape.Features, config.Hidden, classes, config.Activation, config.Dropout, config.BatchNorm),
            "cnn" => new Cnn(
                shape, config.Channels, config.Kernel, classes, config.Activation, config.Dropout, config.BatchNorm,
                config.SamePadding, config.ConvsPerBlock, config.HeadWidth),
            "resnet" => new Resnet(shape, config.Depth, config.Width, classes, config.Dropout),
            _ => throw new InvalidTrainingConfigException($"model: {config.Model} is not available"),
        };
        WeightInit.Apply(model, config.Init, config.Activation);
        return model;
    }
}
