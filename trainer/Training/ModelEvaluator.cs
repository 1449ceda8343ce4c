using HyperSearch.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>Scores a model on a labelled set in inference mode, a slice at a time.</summary>
public static class ModelEvaluator
{
    /// <summary>Rows per forward pass: large enough to keep the cores busy, small enough for memory.</summary>
    public const int SliceSize = 1000;

    /// <summary>Leaves the model in evaluation mode; the caller switches back to training.</summary>
    public static Evaluation Evaluate(nn.Module<Tensor, Tensor> model, LabeledTensors data)
    {
        model.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        long correct = 0;
        for (var start = 0; start < data.Count; start += SliceSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(SliceSize, data.Count - start);
            // Slices of contiguous rows are views: no copy.
            var features = data.Features.narrow(0, start, count);
            var labels = data.Labels.narrow(0, start, count);
            var logits = model.forward(features);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }

        return data.Count == 0
            ? new Evaluation(double.NaN, double.NaN, 0)
            : new Evaluation(lossSum / data.Count, (double)correct / data.Count, data.Count);
    }
}
