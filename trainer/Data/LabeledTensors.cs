using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// Normalized images (float32 [Count, Features]) and their labels (int64 [Count]), created once and
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

    /// <summary>Gathers <paramref name="rows"/> of <paramref name="images"/> and normalizes them.</summary>
    public static LabeledTensors Create(IdxImages images, byte[] labels, int[]? rows, Normalization normalization)
    {
        // Built outside any caller's dispose scope: these tensors outlive every batch and job.
        using var scope = NewDisposeScope();
        var all = tensor(images.Pixels, [images.Count, images.PixelsPerImage]);
        var allLabels = tensor(labels, [labels.Length]);
        if (rows is not null)
        {
            var index = tensor(rows.Select(row => (long)row).ToArray(), [rows.Length]);
            all = all.index_select(0, index);
            allLabels = allLabels.index_select(0, index);
        }

        var scale = 1.0 / (255.0 * normalization.StandardDeviation);
        var shift = normalization.Mean / normalization.StandardDeviation;
        var features = all.to_type(ScalarType.Float32).mul_(scale).sub_(shift).contiguous();
        var labelTensor = allLabels.to_type(ScalarType.Int64).contiguous();
        return new LabeledTensors(features.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope());
    }
}
