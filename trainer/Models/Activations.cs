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
        // One learned slope per layer (He et al. 2015's channel-shared variant), starting at 0.25.
        "prelu" => nn.PReLU(num_parameters: 1),
        "elu" => nn.ELU(),
        "silu" => nn.SiLU(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown activation"),
    };
}
