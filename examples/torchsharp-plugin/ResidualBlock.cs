using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Examples.Residual;

/// <summary>
/// He et al.'s basic block: two 3x3 convolutions with batch norm and the input added back before
/// the last ReLU, so a deep stack starts close to the identity and its gradients reach the stem.
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "bn1")]
    private readonly BatchNorm2d _bn1;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    [ComponentName(Name = "bn2")]
    private readonly BatchNorm2d _bn2;

    public ResidualBlock(long channels)
        : base(nameof(ResidualBlock))
    {
        // Batch norm's shift makes a convolution bias redundant.
        _conv1 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        _bn1 = nn.BatchNorm2d(channels);
        _conv2 = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        _bn2 = nn.BatchNorm2d(channels);
        RegisterComponents();
    }

    /// <param name="input">[batch, channels, height, width]; the output has the same shape.</param>
    public override Tensor forward(Tensor input)
    {
        using var first = _conv1.forward(input);
        using var firstNormed = _bn1.forward(first);
        using var hidden = nn.functional.relu(firstNormed);
        using var second = _conv2.forward(hidden);
        using var secondNormed = _bn2.forward(second);
        using var sum = secondNormed.add(input);
        return nn.functional.relu(sum);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conv1.Dispose();
            _bn1.Dispose();
            _conv2.Dispose();
            _bn2.Dispose();
        }

        base.Dispose(disposing);
    }
}
