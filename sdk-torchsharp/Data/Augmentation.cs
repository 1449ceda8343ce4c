using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// Training-time image augmentation on a minibatch of preprocessed features: a random crop of the
/// image padded by <see cref="Padding"/> pixels on each side (padding is 0, the training mean after
/// preprocessing) and a random horizontal flip of half the images. Random numbers come from the
/// job's own generator, so the same seed changes the same pixels.
/// </summary>
public sealed class Augmentation : IDisposable
{
    public const string None = "none";
    public const string Crop = "crop";
    public const string Flip = "flip";
    public const string CropFlip = "crop_flip";

    private readonly Generator _random;
    private readonly Tensor _rowOffsets;
    private readonly Tensor _columnOffsets;

    private Augmentation(ImageShape shape, bool crop, bool flip, long seed)
    {
        Shape = shape;
        CropsImages = crop;
        FlipsImages = flip;
        Padding = Math.Max(1, Math.Min(shape.Height, shape.Width) / 8);
        _random = new Generator((ulong)seed);
        _rowOffsets = arange(shape.Height, ScalarType.Int64);
        _columnOffsets = arange(shape.Width, ScalarType.Int64);
    }

    /// <summary>The generator its draws come from: a resumable checkpoint saves and restores its state.</summary>
    internal Generator Random => _random;

    /// <summary>Every kind; trainer/Toolbox/ToolboxSchema.cs lists the same words (tests/HyperSearch.Trainer.Tests/Steps/DataKindsTests.cs).</summary>
    public static IReadOnlyList<string> Kinds { get; } = [None, Crop, Flip, CropFlip];

    public ImageShape Shape { get; }

    public bool CropsImages { get; }

    public bool FlipsImages { get; }

    /// <summary>Pixels of padding around each side before cropping: an eighth of the side (3 for 28, 4 for 32).</summary>
    public int Padding { get; }

    /// <returns>Null for <see cref="None"/>.</returns>
    /// <exception cref="ArgumentException">Unknown kind.</exception>
    public static Augmentation? Create(string kind, ImageShape shape, long seed) => kind switch
    {
        None => null,
        Crop => new Augmentation(shape, crop: true, flip: false, seed),
        Flip => new Augmentation(shape, crop: false, flip: true, seed),
        CropFlip => new Augmentation(shape, crop: true, flip: true, seed),
        _ => throw new ArgumentException($"unknown augmentation '{kind}' (expected one of: {string.Join(", ", Kinds)})", nameof(kind)),
    };

    /// <summary>An augmented copy of <paramref name="features"/> [batch, features], in the caller's dispose scope.</summary>
    public Tensor Apply(Tensor features)
    {
        var batch = features.shape[0];
        var (channels, height, width) = (Shape.Channels, (long)Shape.Height, (long)Shape.Width);
        var images = features.view(batch, channels, height, width);
        if (CropsImages)
        {
            // Two gathers pick each image's rows, then its columns, from the padded batch at once.
            var p = Padding;
            var padded = nn.functional.pad(images, [p, p, p, p]);
            var top = randint(0, (2 * p) + 1, [batch], ScalarType.Int64, generator: _random);
            var left = randint(0, (2 * p) + 1, [batch], ScalarType.Int64, generator: _random);
            var rows = (top.unsqueeze(1) + _rowOffsets.unsqueeze(0)).view(batch, 1, height, 1).expand(batch, channels, height, width + (2 * p));
            var columns = (left.unsqueeze(1) + _columnOffsets.unsqueeze(0)).view(batch, 1, 1, width).expand(batch, channels, height, width);
            images = padded.gather(2, rows).gather(3, columns);
        }

        if (FlipsImages)
        {
            var flip = rand([batch], generator: _random).lt(0.5).view(batch, 1, 1, 1);
            images = where(flip, images.flip(3), images);
        }

        return images.reshape(batch, Shape.Features);
    }

    public void Dispose()
    {
        _random.Dispose();
        _rowOffsets.Dispose();
        _columnOffsets.Dispose();
    }
}
