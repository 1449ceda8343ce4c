using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// Builds the optimizer a <see cref="TrainingConfig"/> names. weight_decay is an L2 penalty added to
/// the gradient in every optimizer but adamw, where it is decoupled (Loshchilov and Hutter 2019):
/// the weights shrink by lr x weight_decay each step, apart from the adaptive scaling.
/// </summary>
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
            "adagrad" => optim.Adagrad(parameters, lr, weight_decay: decay, eps: config.Eps ?? 1e-10),
            "rmsprop" => optim.RMSProp(parameters, lr, alpha: config.DecayRate, eps: config.Eps ?? 1e-8, weight_decay: decay),
            "adam" => optim.Adam(parameters, lr, beta1: config.Beta1, beta2: config.Beta2, eps: config.Eps ?? 1e-8, weight_decay: decay),
            "adamw" => optim.AdamW(parameters, lr, beta1: config.Beta1, beta2: config.Beta2, eps: config.Eps ?? 1e-8, weight_decay: decay),
            _ => throw new InvalidTrainingConfigException($"optimizer: unknown value '{config.Optimizer}'"),
        };
    }

    /// <summary>Sets the learning rate of every parameter group (the schedule calls it before each step).</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
    }
}
