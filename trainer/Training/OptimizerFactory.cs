using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>Builds the optimizer a <see cref="TrainingConfig"/> names; weight_decay is an L2 penalty in every one.</summary>
public static class OptimizerFactory
{
    public static optim.Optimizer Create(TrainingConfig config, IEnumerable<Parameter> parameters)
    {
        var lr = config.LearningRate;
        var decay = config.WeightDecay;
        return config.Optimizer switch
        {
            "sgd" => optim.SGD(parameters, lr, weight_decay: decay),
            "momentum" => optim.SGD(parameters, lr, momentum: config.Momentum, weight_decay: decay),
            "nesterov" => optim.SGD(parameters, lr, momentum: config.Momentum, weight_decay: decay, nesterov: true),
            "adagrad" => optim.Adagrad(parameters, lr, weight_decay: decay),
            "rmsprop" => optim.RMSProp(parameters, lr, weight_decay: decay),
            "adam" => optim.Adam(parameters, lr, beta1: config.Beta1, beta2: config.Beta2, weight_decay: decay),
            _ => throw new InvalidTrainingConfigException($"optimizer: unknown value '{config.Optimizer}'"),
        };
    }
}
