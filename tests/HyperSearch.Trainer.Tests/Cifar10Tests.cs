using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

/// <summary>CIFAR-10's binary batches, on generated files (no copy of the data set exists here).</summary>
public sealed class Cifar10Tests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cifar10-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Writes the six batch files; record i of a file has label i % 10 and every pixel byte (i + channel) % 256.</summary>
    private static void WriteBatches(string directory, int recordsPerFile)
    {
        foreach (var file in Cifar10Files.TrainFiles.Append(Cifar10Files.TestFile))
        {
            var bytes = new byte[recordsPerFile * Cifar10Files.RecordSize];
            for (var i = 0; i < recordsPerFile; i++)
            {
                var record = bytes.AsSpan(i * Cifar10Files.RecordSize, Cifar10Files.RecordSize);
                record[0] = (byte)(i % 10);
                for (var channel = 0; channel < 3; channel++)
                {
                    record.Slice(1 + (channel * 1024), 1024).Fill((byte)((i + channel) % 256));
                }
            }

            File.WriteAllBytes(Path.Combine(directory, file), bytes);
        }
    }

    [Fact]
    public void Load_GeneratedBatches_RoundTripsLabelsAndPixels()
    {
        WriteBatches(_directory, recordsPerFile: 30);

        var data = Cifar10Files.Load(_directory);

        Assert.Equal(new ImageShape(3, 32, 32), data.Shape);
        Assert.Equal(150, data.TrainImages.Count);
        Assert.Equal(30, data.TestImages.Count);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (byte)(i % 30 % 10)), data.TrainLabels);
        // Image 31 is record 1 of data_batch_2: red 1, green 2, blue 3.
        var image = data.TrainImages.Pixels.AsSpan(31 * 3072, 3072);
        Assert.Equal(1, image[0]);
        Assert.Equal(2, image[1024]);
        Assert.Equal(3, image[3071]);
    }

    [Fact]
    public void Load_ArchiveFolderInside_IsFound()
    {
        var nested = Directory.CreateDirectory(Path.Combine(_directory, "cifar-10-batches-bin")).FullName;
        WriteBatches(nested, recordsPerFile: 2);

        var data = Cifar10Files.Load(_directory);

        Assert.Equal(nested, data.Source);
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsNamingIt()
    {
        WriteBatches(_directory, recordsPerFile: 4);
        var path = Path.Combine(_directory, "data_batch_3.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..(Cifar10Files.RecordSize * 2 + 100)]);

        var error = Assert.Throws<DataSetException>(() => Cifar10Files.Load(_directory));

        Assert.StartsWith("data_batch_3.bin: truncated", error.Message);
    }

    [Fact]
    public void Load_CorruptLabel_ThrowsNamingRecord()
    {
        WriteBatches(_directory, recordsPerFile: 4);
        var path = Path.Combine(_directory, "test_batch.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[2 * Cifar10Files.RecordSize] = 17;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataSetException>(() => Cifar10Files.Load(_directory));

        Assert.Equal("test_batch.bin: label 17 of record 2 is out of range (expected 0 to 9): corrupt file", error.Message);
    }

    [Fact]
    public void Load_MissingFileOrDirectory_Throws()
    {
        WriteBatches(_directory, recordsPerFile: 1);
        File.Delete(Path.Combine(_directory, "data_batch_5.bin"));

        Assert.Contains("data_batch_5.bin not found", Assert.Throws<DataSetException>(() => Cifar10Files.Load(_directory)).Message);
        Assert.Contains("not found", Assert.Throws<DataSetException>(() => Cifar10Files.Load(Path.Combine(_directory, "nope"))).Message);
    }

    [Fact]
    public void DataSets_Cifar10WithoutPath_AsksForOne()
    {
        var error = Assert.Throws<DataSetException>(() => DataSets.Verify(new DataSetOptions("cifar10", "", null, 10, 1)));

        Assert.Contains("set data.path", error.Message);
    }

    [Fact]
    public void Train_CnnOnThreeChannelImages_RunsAnEpoch()
    {
        WriteBatches(_directory, recordsPerFile: 40);
        var options = new DataSetOptions("cifar10", _directory, TrainSubset: null, Validation: 50, SplitSeed: 1);
        var parameters = new Dictionary<string, object> { ["model"] = "cnn", ["channels"] = new long[] { 4, 8 }, ["augment"] = true };

        var result = TestJobs.Run(parameters, options, epochs: 1);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        var prepared = DataSets.Prepare(options);
        Assert.Equal(200 - 50, prepared.Train.Count);
        Assert.Equal(3 * 32 * 32, prepared.FeatureCount);
    }
}
