using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// A small convolutional network for square one-channel images: per entry of channels a
/// convolution (no padding), the activation and 2x2 max pooling; then a 128-wide hidden layer
/// (with dropout when &gt; 0) and the class scores. The defaults give DESIGN.md's reference CNN.
/// </summary>
public sealed class Cnn : nn.Module<Tensor, Tensor>
{
    private const long HiddenWidth = 128;

    private readonly long _side;

    [ComponentName(Name = "features")]
    private readonly Sequential _features;

    [ComponentName(Name = "classifier")]
    private readonly Sequential _classifier;

    /// <exception cref="InvalidTrainingConfigException">The kernel and block count leave no pixels.</exception>
    public Cnn(long side, IReadOnlyList<long> channels, long kernel, long classes, string activation, double dropout)
        : base(nameof(Cnn))
    {
        _side = side;
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inChannels = 1;
        var size = side;
        for (var i = 0; i < channels.Count; i++)
        {
            size = (size - kernel + 1) / 2;
            if (size < 1)
            {
                throw new InvalidTrainingConfigException(
                    $"channels/kernel: {channels.Count} blocks of kernel {kernel} leave no pixels of a {side}x{side} image");
            }

            blocks.Add(($"conv{i + 1}", nn.Conv2d(inChannels, channels[i], kernel)));
            blocks.Add(($"{activation}{i + 1}", Activations.Create(activation)));
            blocks.Add(($"pool{i + 1}", nn.MaxPool2d(2)));
            inChannels = channels[i];
        }

        blocks.Add(("flatten", nn.Flatten()));
        _features = nn.Sequential(blocks);

        var head = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("fc1", nn.Linear(inChannels * size * size, HiddenWidth)),
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

    /// <param name="input">Flattened images, [batch, side * side].</param>
    public override Tensor forward(Tensor input)
    {
        using var images = input.view(-1, 1, _side, _side);
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
