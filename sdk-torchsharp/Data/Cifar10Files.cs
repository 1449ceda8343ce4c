namespace HyperSearch.Trainer.Data;

/// <summary>
/// Reads CIFAR-10's binary version (cifar-10-binary.tar.gz, unpacked): data_batch_1.bin to
/// data_batch_5.bin and test_batch.bin, each a run of 3,073-byte records of one label byte (0-9)
/// and a 32x32 image as 1,024 red, 1,024 green and 1,024 blue bytes. The directory may be the one
/// holding the files or the one holding the archive's cifar-10-batches-bin folder.
/// </summary>
public static class Cifar10Files
{
    public const int Side = 32;
    public const int Channels = 3;
    public const int Classes = 10;
    public const int RecordSize = 1 + (Channels * Side * Side);
    public const string TestFile = "test_batch.bin";

    public static IReadOnlyList<string> TrainFiles { get; } = Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin").ToArray();

    /// <exception cref="DataSetException">The directory or a file is missing, truncated or holds a bad label.</exception>
    public static LoadedDataSet Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataSetException($"data set cifar10: directory {directory} not found");
        }

        var nested = Path.Combine(directory, "cifar-10-batches-bin");
        var root = !File.Exists(Path.Combine(directory, TestFile)) && Directory.Exists(nested) ? nested : directory;
        var (trainImages, trainLabels) = ReadBatches(root, TrainFiles);
        var (testImages, testLabels) = ReadBatches(root, [TestFile]);
        return new LoadedDataSet(DataSets.Cifar10, root, Classes, trainImages, trainLabels, testImages, testLabels);
    }

    /// <summary>Reads and checks one batch file.</summary>
    /// <exception cref="DataSetException">Missing, empty, truncated, or a label above 9.</exception>
    public static (byte[] Labels, byte[] Pixels) ReadBatch(string path)
    {
        var name = Path.GetFileName(path);
        DataFile.CheckReadable(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataSetException($"data set cifar10: {path} not found (expected {string.Join(", ", TrainFiles)} and {TestFile})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataSetException($"{path}: cannot be read: {e.Message}", e);
        }

        if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
        {
            throw new DataSetException(
                $"{name}: truncated or not a CIFAR-10 batch: {bytes.Length} bytes is not a whole number of {RecordSize}-byte records");
        }

        var count = bytes.Length / RecordSize;
        var labels = new byte[count];
        var pixels = new byte[count * (RecordSize - 1)];
        for (var i = 0; i < count; i++)
        {
            var record = bytes.AsSpan(i * RecordSize, RecordSize);
            if (record[0] >= Classes)
            {
                throw new DataSetException($"{name}: label {record[0]} of record {i} is out of range (expected 0 to {Classes - 1}): corrupt file");
            }

            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * (RecordSize - 1)));
        }

        return (labels, pixels);
    }

    private static (IdxImages Images, byte[] Labels) ReadBatches(string directory, IReadOnlyList<string> files)
    {
        var batches = files.Select(file => ReadBatch(Path.Combine(directory, file))).ToList();
        var labels = batches.SelectMany(batch => batch.Labels).ToArray();
        var pixels = new byte[labels.Length * (RecordSize - 1)];
        var offset = 0;
        foreach (var batch in batches)
        {
            batch.Pixels.CopyTo(pixels, offset);
            offset += batch.Pixels.Length;
        }

        return (new IdxImages(labels.Length, Side, Side, pixels) { Channels = Channels }, labels);
    }
}
