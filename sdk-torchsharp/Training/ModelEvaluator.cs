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
    /// <param name="device">Where the model lives; null: the CPU.</param>
    public static Evaluation Evaluate(nn.Module<Tensor, Tensor> model, LabeledTensors data, Device? device = null) =>
        Run(model, data, device, probabilities: null, mirrorShape: null);

    /// <summary>Scores the model and keeps its class probabilities (softmax), row-major [rows, classes].</summary>
    /// <param name="mirrorShape">
    /// Test-time augmentation: when given, each row is an image of this shape and is predicted flipped
    /// left to right (figures and probabilities are the mirror images'; averaging with the plain
    /// prediction, which a checkpoint already saved, is the caller's).
    /// </param>
    public static Prediction Predict(nn.Module<Tensor, Tensor> model, LabeledTensors data, int classes, Device? device = null, ImageShape? mirrorShape = null)
    {
        var probabilities = new float[(long)data.Count * classes];
        var evaluation = Run(model, data, device, probabilities, mirrorShape);
        return new Prediction(evaluation, probabilities, classes);
    }

    private static Evaluation Run(nn.Module<Tensor, Tensor> model, LabeledTensors data, Device? device, float[]? probabilities, ImageShape? mirrorShape)
    {
        model.eval();
        using var noGrad = no_grad();
        var onCpu = device is null || device.type == DeviceType.CPU;
        double lossSum = 0;
        long correct = 0;
        for (var start = 0; start < data.Count; start += SliceSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(SliceSize, data.Count - start);
            // Slices of contiguous rows are views: no copy.
            var features = data.Features.narrow(0, start, count);
            var labels = data.Labels.narrow(0, start, count);
            if (!onCpu)
            {
                features = features.to(device!);
                labels = labels.to(device!);
            }

            if (mirrorShape is { } shape)
            {
                features = Mirror(features, shape);
            }

            var logits = model.forward(features);
            lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            if (probabilities is not null)
            {
                var slice = nn.functional.softmax(logits, 1).cpu().contiguous();
                slice.data<float>().CopyTo(probabilities, start * (int)logits.shape[1]);
            }
        }

        return data.Count == 0
            ? new Evaluation(double.NaN, double.NaN, 0)
            : new Evaluation(lossSum / data.Count, (double)correct / data.Count, data.Count);
    }

    /// <summary>Each row [rows, features] as its image of <paramref name="shape"/> flipped left to right, flattened again.</summary>
    internal static Tensor Mirror(Tensor features, ImageShape shape) =>
        features.view(features.shape[0], shape.Channels, shape.Height, shape.Width).flip(3).reshape(features.shape[0], shape.Features);
}
