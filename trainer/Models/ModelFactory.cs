using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>Builds the model a <see cref="TrainingConfig"/> names.</summary>
public static class ModelFactory
{
    /// <exception cref="InvalidTrainingConfigException">The model does not fit the data's shape.</exception>
    public static nn.Module<Tensor, Tensor> Create(TrainingConfig config, int features, int classes)
    {
        switch (config.Model)
        {
            case "mlp":
                return new Mlp(features, config.Hidden, classes, config.Activation, config.Dropout);
            case "cnn":
                var side = (long)Math.Round(Math.Sqrt(features));
                if (side * side != features)
                {
                    throw new InvalidTrainingConfigException($"model: cnn needs square images, but items have {features} features");
                }

                return new Cnn(side, config.Channels, config.Kernel, classes, config.Activation, config.Dropout);
            default:
                throw new InvalidTrainingConfigException($"model: {config.Model} is not available");
        }
    }
}
