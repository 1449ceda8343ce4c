using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// Weight initialization of every linear and convolution layer: xavier (Glorot, uniform, with the
/// activation's gain), kaiming (He, normal, fan-in) or TorchSharp's default (Kaiming-uniform with
/// a = sqrt(5), as PyTorch). Xavier and Kaiming start biases at zero.
/// </summary>
public static class WeightInit
{
    public const string Default = "default";
    public const string Xavier = "xavier";
    public const string Kaiming = "kaiming";

    public static IReadOnlyList<string> Kinds => Toolbox.ToolboxSchema.Init.Words!;

    /// <exception cref="ArgumentException">Unknown kind.</exception>
    public static void Apply(nn.Module model, string kind, string activation)
    {
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentException($"unknown init '{kind}' (expected one of: {string.Join(", ", Kinds)})", nameof(kind));
        }

        if (kind == Default)
        {
            return;
        }

        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            var (weight, bias) = module switch
            {
                Linear linear => (linear.weight, linear.bias),
                Convolution convolution => (convolution.weight, convolution.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }

            if (kind == Xavier)
            {
                nn.init.xavier_uniform_(weight, Gain(activation));
            }
            else
            {
                var (nonlinearity, slope) = activation switch
                {
                    "leaky_relu" => (nn.init.NonlinearityType.LeakyReLU, 0.01),
                    "prelu" => (nn.init.NonlinearityType.LeakyReLU, 0.25),
                    "tanh" => (nn.init.NonlinearityType.Tanh, 0.0),
                    "sigmoid" => (nn.init.NonlinearityType.Sigmoid, 0.0),
                    _ => (nn.init.NonlinearityType.ReLU, 0.0),
                };
                nn.init.kaiming_normal_(weight, slope, nn.init.FanInOut.FanIn, nonlinearity);
            }

            if (bias is not null)
            {
                nn.init.zeros_(bias);
            }
        }
    }

    private static double Gain(string activation) => activation switch
    {
        "tanh" => nn.init.calculate_gain(nn.init.NonlinearityType.Tanh),
        "sigmoid" => 1.0,
        "leaky_relu" => nn.init.calculate_gain(nn.init.NonlinearityType.LeakyReLU, 0.01),
        "prelu" => nn.init.calculate_gain(nn.init.NonlinearityType.LeakyReLU, 0.25),
        _ => nn.init.calculate_gain(nn.init.NonlinearityType.ReLU),
    };
}
