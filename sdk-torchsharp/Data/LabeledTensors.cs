using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// Preprocessed images (float32 [Count, Features]) and their labels (int64 [Count]), created once and
/// then only read, so several training threads can share them.
/// </summary>
public sealed class LabeledTensors
{
    public LabeledTensors(Tensor features, Tensor labels)
    {
        Features = features;
        Labels = labels;
    }

    public Tensor Features { get; }

    public Tensor Labels { get; }

    public int Count => (int)Labels.shape[0];

    public int FeatureCount => (int)Features.shape[1];

    /// <summary>Gathers <paramref name="rows"/> (all when null) of <paramref name="images"/> and preprocesses them.</summary>
    public static LabeledTensors Create(IdxImages images, byte[] labels, int[]? rows, Preprocessing preprocessing)
    {
        // Built outside any caller's dispose scope: these tensors outlive every batch and job.
        using var scope = NewDisposeScope();
        var features = preprocessing.Apply(images, rows);
        var allLabels = tensor(labels, [labels.Length]);
        if (rows is not null)
        {
            var index = tensor(rows.Select(row => (long)row).ToArray(), [rows.Length]);
            allLabels = allLabels.index_select(0, index);
        }

        var labelTensor = allLabels.to_type(ScalarType.Int64).contiguous();
        return new LabeledTensors(features.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope());
    }
}
