using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>Maps the activation names of <see cref="Training.TrainerCatalog.Activations"/> to modules.</summary>
internal static class Activations
{
    public static nn.Module<Tensor, Tensor> Create(string name) => name switch
    {
        "relu" => nn.ReLU(),
        "tanh" => nn.Tanh(),
        "sigmoid" => nn.Sigmoid(),
        "leaky_relu" => nn.LeakyReLU(),
        "elu" => nn.ELU(),
        "silu" => nn.SiLU(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown activation"),
    };
}
