using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// A small convolutional network: per entry of channels a block of convolution (no padding), batch
/// norm (when asked), the activation and 2x2 max pooling; then a 128-wide hidden layer (with dropout
/// when &gt; 0) and the class scores. The defaults give docs/design.md's reference CNN.
/// </summary>
public sealed class Cnn : nn.Module<Tensor, Tensor>
{
    public const long HiddenWidth = 128;

    private readonly ImageShape _shape;

    [ComponentName(Name = "features")]
    private readonly Sequential _features;

    [ComponentName(Name = "classifier")]
    private readonly Sequential _classifier;

    /// <exception cref="InvalidTrainingConfigException">The kernel and block count leave no pixels.</exception>
    public Cnn(ImageShape shape, IReadOnlyList<long> channels, long kernel, long classes, string activation, double dropout, bool batchNorm = false)
        : base(nameof(Cnn))
    {
        _shape = shape;
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inChannels = shape.Channels;
        long height = shape.Height, width = shape.Width;
        for (var i = 0; i < channels.Count; i++)
        {
            height = (height - kernel + 1) / 2;
            width = (width - kernel + 1) / 2;
            if (height < 1 || width < 1)
            {
                throw new InvalidTrainingConfigException(
                    $"channels/kernel: {channels.Count} blocks of kernel {kernel} leave no pixels of a {shape.Height}x{shape.Width} image");
            }

            blocks.Add(($"conv{i + 1}", nn.Conv2d(inChannels, channels[i], kernel)));
            if (batchNorm)
            {
                blocks.Add(($"bn{i + 1}", nn.BatchNorm2d(channels[i])));
            }

            blocks.Add(($"{activation}{i + 1}", Activations.Create(activation)));
            blocks.Add(($"pool{i + 1}", nn.MaxPool2d(2)));
            inChannels = channels[i];
        }

        blocks.Add(("flatten", nn.Flatten()));
        _features = nn.Sequential(blocks);

        var head = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("fc1", nn.Linear(inChannels * height * width, HiddenWidth)),
            (activation, Activations.Create(activation)),
        };
        if (dropout > 0)
        {
            head.Add(("dropout", nn.Dropout(dropout)));
        }

        head.Add(("out", nn.Linear(HiddenWidth, classes)));
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
