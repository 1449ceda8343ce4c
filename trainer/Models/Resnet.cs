using HyperSearch.Trainer.Data;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// A residual CNN for small images, as He et al. built theirs for CIFAR-10: a 3x3 convolution of
/// <c>width</c> channels, then three stages of <c>depth</c> basic blocks each (width, 2 x width and
/// 4 x width channels; the second and third stages halve the resolution), global average pooling,
/// dropout (when &gt; 0) and the class scores. depth 3 is ResNet-20; depth 2, width 16 (the
/// defaults) is 14 layers with about 0.18 M parameters. Pair it with <c>augment: crop_flip</c>.
/// </summary>
public sealed class Resnet : nn.Module<Tensor, Tensor>
{
    private readonly ImageShape _shape;

    [ComponentName(Name = "stem")]
    private readonly Sequential _stem;

    [ComponentName(Name = "stages")]
    private readonly Sequential _stages;

    [ComponentName(Name = "head")]
    private readonly Sequential _head;

    public Resnet(ImageShape shape, int depth, long width, long classes, double dropout)
        : base(nameof(Resnet))
    {
        _shape = shape;
        _stem = nn.Sequential(
            ("conv", nn.Conv2d(shape.Channels, width, 3, stride: 1, padding: 1, bias: false)),
            ("bn", nn.BatchNorm2d(width)),
            ("relu", nn.ReLU()));
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        var channels = width;
        for (var stage = 0; stage < 3; stage++)
        {
            var stageWidth = width << stage;
            for (var block = 0; block < depth; block++)
            {
                var stride = stage > 0 && block == 0 ? 2 : 1;
                blocks.Add(($"stage{stage + 1}_block{block + 1}", new ResidualBlock(channels, stageWidth, stride)));
                channels = stageWidth;
            }
        }

        _stages = nn.Sequential(blocks);
        var head = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
        };
        if (dropout > 0)
        {
            head.Add(("dropout", nn.Dropout(dropout)));
        }

        head.Add(("out", nn.Linear(channels, classes)));
        _head = nn.Sequential(head);
        RegisterComponents();
    }

    /// <param name="input">Flattened images, [batch, channels * height * width].</param>
    public override Tensor forward(Tensor input)
    {
        using var images = input.view(-1, _shape.Channels, _shape.Height, _shape.Width);
        using var stem = _stem.forward(images);
        using var features = _stages.forward(stem);
        return _head.forward(features);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stem.Dispose();
            _stages.Dispose();
            _head.Dispose();
        }

        base.Dispose(disposing);
    }
}
