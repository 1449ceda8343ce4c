using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// He et al.'s basic block: two 3x3 convolutions with batch norm, added to its input (through a
/// 1x1 convolution when the block changes the width or halves the resolution), then ReLU.
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv1")]
    private readonly Conv2d _conv1;

    [ComponentName(Name = "bn1")]
    private readonly BatchNorm2d _bn1;

    [ComponentName(Name = "conv2")]
    private readonly Conv2d _conv2;

    [ComponentName(Name = "bn2")]
    private readonly BatchNorm2d _bn2;

    [ComponentName(Name = "shortcut")]
    private readonly Sequential? _shortcut;

    public ResidualBlock(long inChannels, long outChannels, long stride)
        : base(nameof(ResidualBlock))
    {
        // No convolution biases: batch norm's shift does their job.
        _conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        _bn1 = nn.BatchNorm2d(outChannels);
        _conv2 = nn.Conv2d(outChannels, outChannels, 3, stride: 1, padding: 1, bias: false);
        _bn2 = nn.BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            _shortcut = nn.Sequential(("conv", nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false)), ("bn", nn.BatchNorm2d(outChannels)));
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var residual = _bn2.forward(_conv2.forward(nn.functional.relu(_bn1.forward(_conv1.forward(input)))));
        var shortcut = _shortcut is null ? input : _shortcut.forward(input);
        return nn.functional.relu(residual + shortcut).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _conv1.Dispose();
            _bn1.Dispose();
            _conv2.Dispose();
            _bn2.Dispose();
            _shortcut?.Dispose();
        }

        base.Dispose(disposing);
    }
}
