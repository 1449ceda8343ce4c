using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Models;

/// <summary>
/// A multilayer perceptron: for each hidden width a linear layer, batch norm (when asked), the
/// activation and (when dropout &gt; 0) dropout, then a linear layer to the class scores (logits).
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "layers")]
    private readonly Sequential _layers;

    public Mlp(long inputs, IReadOnlyList<long> hidden, long classes, string activation, double dropout, bool batchNorm = false)
        : base(nameof(Mlp))
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputs;
        for (var i = 0; i < hidden.Count; i++)
        {
            modules.Add(($"fc{i + 1}", nn.Linear(width, hidden[i])));
            if (batchNorm)
            {
                modules.Add(($"bn{i + 1}", nn.BatchNorm1d(hidden[i])));
            }

            modules.Add(($"{activation}{i + 1}", Activations.Create(activation)));
            if (dropout > 0)
            {
                modules.Add(($"dropout{i + 1}", nn.Dropout(dropout)));
            }

            width = hidden[i];
        }

        modules.Add(("out", nn.Linear(width, classes)));
        _layers = nn.Sequential(modules);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _layers.forward(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _layers.Dispose();
        }

        base.Dispose(disposing);
    }
}
