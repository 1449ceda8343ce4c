using HyperSearch.Trainer.Data;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Examples.Residual;

/// <summary>
/// A small residual network: a stride-2 3x3 stem (halving the image, which keeps a CPU sweep quick),
/// <c>blocks</c> residual blocks of <c>width</c> channels, global average pooling and a linear layer
/// to the class scores.
/// </summary>
public sealed class ResidualNet : nn.Module<Tensor, Tensor>
{
    private readonly ImageShape _shape;

    [ComponentName(Name = "stem")]
    private readonly Sequential _stem;

    [ComponentName(Name = "blocks")]
    private readonly Sequential _blocks;

    [ComponentName(Name = "head")]
    private readonly Sequential _head;

    public ResidualNet(ImageShape shape, long width, int blocks, long classes)
        : base(nameof(ResidualNet))
    {
        _shape = shape;
        _stem = nn.Sequential(
            ("conv", nn.Conv2d(shape.Channels, width, 3, stride: 2, padding: 1, bias: false)),
            ("bn", nn.BatchNorm2d(width)),
            ("relu", nn.ReLU()));
        _blocks = nn.Sequential(Enumerable.Range(1, blocks).Select(i => ($"block{i}", (nn.Module<Tensor, Tensor>)new ResidualBlock(width))));
        _head = nn.Sequential(
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("out", nn.Linear(width, classes)));
        RegisterComponents();
    }

    /// <param name="input">Flattened images as the data helpers give them, [batch, channels * height * width].</param>
    public override Tensor forward(Tensor input)
    {
        using var images = input.view(-1, _shape.Channels, _shape.Height, _shape.Width);
        using var stem = _stem.forward(images);
        using var features = _blocks.forward(stem);
        return _head.forward(features);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stem.Dispose();
            _blocks.Dispose();
            _head.Dispose();
        }

        base.Dispose(disposing);
    }
}
