using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// How raw pixels become features: feature f = (pixel / 255 - <see cref="Mean"/>[f]) / <see cref="Scale"/>[f],
/// where each array holds one entry per channel (broadcast over that channel's pixels) or one per
/// feature. Fitted on the training rows only, so nothing about validation or test images leaks into
/// training, and saved with every checkpoint so a reloaded model sees its inputs exactly as trained.
/// </summary>
/// <param name="Kind"><see cref="Standardize"/>, <see cref="MeanImage"/> or <see cref="None"/>.</param>
/// <param name="Mean">Per channel (standardize, none) or per feature (mean_image), in units of pixel/255.</param>
/// <param name="Scale">Per channel: the standard deviation of the (centred) training pixels.</param>
public sealed record class Preprocessing(string Kind, ImageShape Shape, double[] Mean, double[] Scale)
{
    /// <summary>Per-channel standardization: mean 0 and standard deviation 1 in every channel.</summary>
    public const string Standardize = "standardize";

    /// <summary>Mean-image subtraction (every pixel position its own mean), then per-channel scaling to unit deviation.</summary>
    public const string MeanImage = "mean_image";

    /// <summary>Pixels scaled to [0, 1], nothing fitted.</summary>
    public const string None = "none";

    /// <summary>Every kind; trainer/Toolbox/ToolboxSchema.cs lists the same words (tests/HyperSearch.Trainer.Tests/Steps/DataKindsTests.cs).</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Standardize, MeanImage, None];

    /// <exception cref="ArgumentException">Unknown kind.</exception>
    public static Preprocessing Fit(string kind, IdxImages images, IReadOnlyList<int> rows) => kind switch
    {
        Standardize => FitStandardize(images, rows),
        MeanImage => FitMeanImage(images, rows),
        None => new Preprocessing(None, images.Shape, new double[images.Channels], Enumerable.Repeat(1.0, images.Channels).ToArray()),
        _ => throw new ArgumentException($"unknown preprocessing '{kind}' (expected one of: {string.Join(", ", Kinds)})", nameof(kind)),
    };

    /// <summary>
    /// Gathers <paramref name="rows"/> (all when null) of <paramref name="images"/> as float32
    /// features [rows, features]. The arithmetic is fixed, so the same statistics give the same bits.
    /// </summary>
    public Tensor Apply(IdxImages images, IReadOnlyList<int>? rows)
    {
        if (images.Shape != Shape)
        {
            throw new DataSetException($"images are {images.Shape}, but the preprocessing was fitted on {Shape}");
        }

        using var scope = NewDisposeScope();
        var all = tensor(images.Pixels, [images.Count, images.PixelsPerImage]);
        if (rows is not null)
        {
            using var index = tensor(rows.Select(row => (long)row).ToArray(), [rows.Count]);
            all = all.index_select(0, index);
        }

        var (multiplier, offset) = Coefficients();
        using var a = tensor(multiplier, [multiplier.Length]);
        using var b = tensor(offset, [offset.Length]);
        var features = all.to_type(ScalarType.Float32).mul_(a).sub_(b).contiguous();
        return features.MoveToOuterDisposeScope();
    }

    /// <summary>Per-feature a and b with feature = pixel * a - b, rounded to float once.</summary>
    private (float[] Multiplier, float[] Offset) Coefficients()
    {
        var features = Shape.Features;
        var multiplier = new float[features];
        var offset = new float[features];
        for (var f = 0; f < features; f++)
        {
            var channel = f / Shape.PixelsPerChannel;
            var mean = Mean.Length == features ? Mean[f] : Mean[channel];
            var scale = Scale.Length == features ? Scale[f] : Scale[channel];
            multiplier[f] = (float)(1.0 / (255.0 * scale));
            offset[f] = (float)(mean / scale);
        }

        return (multiplier, offset);
    }

    private static Preprocessing FitStandardize(IdxImages images, IReadOnlyList<int> rows)
    {
        // Counting each byte value once per channel makes the sums exact and the pass a table update.
        var shape = images.Shape;
        var histograms = new long[shape.Channels, 256];
        foreach (var row in rows)
        {
            var image = images.Pixels.AsSpan(row * shape.Features, shape.Features);
            for (var channel = 0; channel < shape.Channels; channel++)
            {
                foreach (var pixel in image.Slice(channel * shape.PixelsPerChannel, shape.PixelsPerChannel))
                {
                    histograms[channel, pixel]++;
                }
            }
        }

        var mean = new double[shape.Channels];
        var scale = new double[shape.Channels];
        var count = (double)rows.Count * shape.PixelsPerChannel;
        for (var channel = 0; channel < shape.Channels; channel++)
        {
            double sum = 0, sumOfSquares = 0;
            for (var value = 0; value < 256; value++)
            {
                var scaled = value / 255.0;
                sum += histograms[channel, value] * scaled;
                sumOfSquares += histograms[channel, value] * scaled * scaled;
            }

            mean[channel] = sum / count;
            scale[channel] = Deviation((sumOfSquares / count) - (mean[channel] * mean[channel]));
        }

        return new Preprocessing(Standardize, shape, mean, scale);
    }

    private static Preprocessing FitMeanImage(IdxImages images, IReadOnlyList<int> rows)
    {
        var shape = images.Shape;
        var sums = new long[shape.Features];
        var squares = new long[shape.Features];
        foreach (var row in rows)
        {
            var image = images.Pixels.AsSpan(row * shape.Features, shape.Features);
            for (var f = 0; f < image.Length; f++)
            {
                sums[f] += image[f];
                squares[f] += image[f] * image[f];
            }
        }

        var n = (double)rows.Count;
        var mean = new double[shape.Features];
        var variance = new double[shape.Channels];
        for (var f = 0; f < shape.Features; f++)
        {
            mean[f] = sums[f] / n / 255.0;
            // Variance of the centred pixel at f, averaged over the channel's positions below.
            variance[f / shape.PixelsPerChannel] += Math.Max(0, (squares[f] / n / (255.0 * 255.0)) - (mean[f] * mean[f]));
        }

        var scale = variance.Select(v => Deviation(v / shape.PixelsPerChannel)).ToArray();
        return new Preprocessing(MeanImage, shape, mean, scale);
    }

    // A constant image set would divide by zero; leaving the scale alone is harmless there.
    private static double Deviation(double variance) => variance > 1e-12 ? Math.Sqrt(variance) : 1.0;
}
