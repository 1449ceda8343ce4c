namespace HyperSearch.Trainer.Data;

/// <summary>A data set as read from disk, before any split: shared by every job in the process.</summary>
/// <param name="Source">The directory it came from, or a description for generated data.</param>
public sealed record class LoadedDataSet(
    string Name,
    string Source,
    int Classes,
    IdxImages TrainImages,
    byte[] TrainLabels,
    IdxImages TestImages,
    byte[] TestLabels)
{
    public ImageShape Shape => TrainImages.Shape;
}
