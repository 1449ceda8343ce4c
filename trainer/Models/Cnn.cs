using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// A convolutional network: per entry of channels a block of <c>convsPerBlock</c> convolutions, each
/// followed by batch norm (when asked) and the activation, then 2x2 max pooling; then a hidden layer
/// of <c>headWidth</c> units (with dropout when &gt; 0) and the class scores. Valid padding shrinks
/// the image by kernel - 1 per convolution; same padding keeps it, so only pooling halves it. The
/// defaults give docs/design.md's reference CNN; more than one convolution per block gives
/// VGG-style blocks.
/// </summary>
public sealed class Cnn : nn.Module<Tensor, Tensor>
{
    public const int DefaultHeadWidth = 128;

    private readonly ImageShape _shape;

    [ComponentName(Name = "features")]
    private readonly Sequential _features;

    [ComponentName(Name = "classifier")]
    private readonly Sequential _classifier;

    /// <exception cref="InvalidTrainingConfigException">The kernel and block count leave no pixels.</exception>
    public Cnn(
        ImageShape shape,
        IReadOnlyList<long> channels,
        long kernel,
        long classes,
        string activation,
        double dropout,
        bool batchNorm = false,
        bool samePadding = false,
        int convsPerBlock = 1,
        long headWidth = DefaultHeadWidth)
        : base(nameof(Cnn))
    {
        _shape = shape;
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inChannels = shape.Channels;
        long height = shape.Height, width = shape.Width;
        var shrink = samePadding ? 0 : convsPerBlock * (kernel - 1);
        for (var i = 0; i < channels.Count; i++)
        {
            height = (height - shrink) / 2;
            width = (width - shrink) / 2;
            if (height < 1 || width < 1)
            {
                throw new InvalidTrainingConfigException(
                    $"channels/kernel: {channels.Count} blocks of {convsPerBlock} kernel-{kernel} convolutions ({(samePadding ? "same" : "valid")} padding) leave no pixels of a {shape.Height}x{shape.Width} image");
            }

            for (var j = 1; j <= convsPerBlock; j++)
            {
                // One convolution per block keeps the reference CNN's names (conv1, bn1, ...), so its checkpoints read the same.
                var name = convsPerBlock == 1 ? $"{i + 1}" : $"{i + 1}_{j}";
                blocks.Add(($"conv{name}", samePadding
                    ? nn.Conv2d(inChannels, channels[i], kernel, padding: Padding.Same)
                    : nn.Conv2d(inChannels, channels[i], kernel)));
                if (batchNorm)
                {
                    blocks.Add(($"bn{name}", nn.BatchNorm2d(channels[i])));
                }

                blocks.Add(($"{activation}{name}", Activations.Create(activation)));
                inChannels = channels[i];
            }

            blocks.Add(($"pool{i + 1}", nn.MaxPool2d(2)));
        }

        blocks.Add(("flatten", nn.Flatten()));
        _features = nn.Sequential(blocks);

        var head = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("fc1", nn.Linear(inChannels * height * width, headWidth)),
            (activation, Activations.Create(activation)),
        };
        if (dropout > 0)
        {
            head.Add(("dropout", nn.Dropout(dropout)));
        }

        head.Add(("out", nn.Linear(headWidth, classes)));
        _classifier = nn.Sequential(head);
        RegisterComponents();
    }

    /// <param name="input">Flattened images, [batch, channels * height * width].</param>
    public override Tensor forward(Tensor input)
    {
        using var images = input.view(-1, _shape.Channels, _shape.Height, _shape.Width);
        using var features = _features.forward(images);
        return _classifier.forward(features);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _features.Dispose();
            _classifier.Dispose();
        }

        base.Dispose(disposing);
    }
}
