using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// A model's weight matrices and kernels (parameters of two or more dimensions: no biases, batch-norm
/// scales or PReLU slopes), named by their layer ("fc1", "conv2", "out"). L1 and the update ratios
/// look at these.
/// </summary>
internal sealed class WeightLayers
{
    public WeightLayers(nn.Module model)
    {
        var weights = model.named_parameters().Where(p => p.parameter.dim() >= 2).ToList();
        var shortNames = weights.Select(p => LayerName(p.name)).ToList();
        // Short names read best; fall back to the full path if two layers would share one.
        var unique = shortNames.Distinct().Count() == shortNames.Count;
        Layers = weights.Select((p, i) => (unique ? shortNames[i] : p.name, p.parameter)).ToList();
    }

    public IReadOnlyList<(string Name, Parameter Weight)> Layers { get; }

    /// <summary>Σ|w| over every weight, as a scalar tensor in the caller's dispose scope (part of the graph).</summary>
    public Tensor L1Norm()
    {
        Tensor? sum = null;
        foreach (var (_, weight) in Layers)
        {
            var term = weight.abs().sum();
            sum = sum is null ? term : sum + term;
        }

        return sum ?? zeros(1);
    }

    private static string LayerName(string parameterName)
    {
        var parts = parameterName.Split('.');
        return parts.Length >= 2 ? parts[^2] : parameterName;
    }
}
