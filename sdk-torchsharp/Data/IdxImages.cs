namespace HyperSearch.Trainer.Data;

/// <summary>
/// Images of one IDX (or CIFAR-10) file: <see cref="Pixels"/> holds Count x Channels x Rows x Columns
/// bytes, each image channel-major then row-major.
/// </summary>
public sealed record class IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>1 for the MNIST family, 3 for CIFAR-10.</summary>
    public int Channels { get; init; } = 1;

    public int PixelsPerImage => Channels * Rows * Columns;

    public ImageShape Shape => new(Channels, Rows, Columns);
}
