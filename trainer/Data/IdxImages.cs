namespace HyperSearch.Trainer.Data;

/// <summary>Images of one IDX file: <see cref="Pixels"/> holds Count x Rows x Columns bytes, row-major.</summary>
public sealed record class IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    public int PixelsPerImage => Rows * Columns;
}
