namespace HyperSearch.Trainer.Data;

/// <summary>Reads an MNIST-family data set (four IDX files) from a directory.</summary>
internal static class IdxDataSetFiles
{
    public const int Side = 28;
    public const int Classes = 10;

    public static LoadedDataSet Load(string name, string directory, bool isDefaultPath)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataSetException(
                $"data set {name}: directory {directory} not found{InstallHint(name, isDefaultPath)}");
        }

        var trainImages = IdxReader.ReadImages(Find(name, directory, "train-images-idx3-ubyte", isDefaultPath), Side, Side);
        var trainLabels = IdxReader.ReadLabels(Find(name, directory, "train-labels-idx1-ubyte", isDefaultPath), Classes);
        var testImages = IdxReader.ReadImages(Find(name, directory, "t10k-images-idx3-ubyte", isDefaultPath), Side, Side);
        var testLabels = IdxReader.ReadLabels(Find(name, directory, "t10k-labels-idx1-ubyte", isDefaultPath), Classes);
        CheckCounts(directory, "train", trainImages, trainLabels);
        CheckCounts(directory, "t10k", testImages, testLabels);
        return new LoadedDataSet(name, directory, Classes, trainImages, trainLabels, testImages, testLabels);
    }

    private static string Find(string name, string directory, string stem, bool isDefaultPath)
    {
        var compressed = Path.Combine(directory, stem + ".gz");
        if (File.Exists(compressed))
        {
            return compressed;
        }

        var plain = Path.Combine(directory, stem);
        return File.Exists(plain)
            ? plain
            : throw new DataSetException($"data set {name}: {compressed} not found{InstallHint(name, isDefaultPath)}");
    }

    private static void CheckCounts(string directory, string part, IdxImages images, byte[] labels)
    {
        if (images.Count != labels.Length)
        {
            throw new DataSetException(
                $"{Path.Combine(directory, part)}: {images.Count} images but {labels.Length} labels");
        }
    }

    private static string InstallHint(string name, bool isDefaultPath) =>
        isDefaultPath && name == DataSets.FashionMnist
            ? " (install it with `apt-get install dataset-fashion-mnist`, or set data.path)"
            : string.Empty;
}
