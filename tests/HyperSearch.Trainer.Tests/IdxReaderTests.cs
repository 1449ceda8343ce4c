using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hypersearch-idx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ReadImages_GoodFile_ReturnsEveryPixel()
    {
        var content = IdxFiles.Images(5, 28, 28, i => (byte)((i * 7) % 256));
        var path = WriteGzip("good-images.gz", content);

        var images = IdxReader.ReadImages(path, 28, 28);

        Assert.Equal(5, images.Count);
        Assert.Equal(content[16..], images.Pixels);
    }

    [Fact]
    public void ReadLabels_GoodFile_ReturnsEveryLabel()
    {
        byte[] labels = [3, 1, 4, 1, 5, 9, 2, 6];
        var path = WriteGzip("good-labels.gz", IdxFiles.Labels(labels));

        Assert.Equal(labels, IdxReader.ReadLabels(path, 10));
    }

    [Fact]
    public void ReadImages_TruncatedPayload_ThrowsNamingFileAndSizes()
    {
        var content = IdxFiles.Images(10, 28, 28, i => 1);
        var path = WriteGzip("train-images-idx3-ubyte.gz", content[..(16 + 1234)]);

        var error = Assert.Throws<DataSetException>(() => IdxReader.ReadImages(path, 28, 28));

        Assert.Equal("train-images-idx3-ubyte.gz: truncated: expected 7840 bytes of pixels, got 1234", error.Message);
    }

    [Fact]
    public void ReadImages_GzipCutShort_Throws()
    {
        var compressed = IdxFiles.Gzip(IdxFiles.Images(200, 28, 28, i => (byte)(i * 31 % 256)));
        var path = Path.Combine(_directory, "cut.gz");
        File.WriteAllBytes(path, compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<DataSetException>(() => IdxReader.ReadImages(path, 28, 28));

        Assert.StartsWith("cut.gz: ", error.Message);
    }

    [Fact]
    public void ReadImages_BadMagic_ThrowsNamingTheMagic()
    {
        var path = WriteGzip("corrupt.gz", IdxFiles.Images(3, 28, 28, i => 0, magic: 0x00000801));

        var error = Assert.Throws<DataSetException>(() => IdxReader.ReadImages(path, 28, 28));

        Assert.Contains("corrupt.gz: bad magic number 0x00000801, expected 0x00000803", error.Message);
    }

    [Fact]
    public void ReadLabels_ImageFile_ThrowsBadMagic()
    {
        var path = WriteGzip("labels.gz", IdxFiles.Images(3, 28, 28, i => 0));

        var error = Assert.Throws<DataSetException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Contains("bad magic number", error.Message);
    }

    [Fact]
    public void ReadImages_WrongShape_Throws()
    {
        var path = WriteGzip("small.gz", IdxFiles.Images(3, 32, 32, i => 0));

        var error = Assert.Throws<DataSetException>(() => IdxReader.ReadImages(path, 28, 28));

        Assert.Equal("small.gz: images are 32x32, expected 28x28", error.Message);
    }

    [Fact]
    public void ReadLabels_LabelOutOfRange_Throws()
    {
        var path = WriteGzip("labels.gz", IdxFiles.Labels([1, 2, 10]));

        var error = Assert.Throws<DataSetException>(() => IdxReader.ReadLabels(path, 10));

        Assert.Contains("label 10 of item 2 is out of range", error.Message);
    }

    [Fact]
    public void ReadImages_TrailingBytes_Throws()
    {
        var path = WriteGzip("long.gz", [.. IdxFiles.Images(2, 28, 28, i => 0), 42]);

        Assert.Throws<DataSetException>(() => IdxReader.ReadImages(path, 28, 28));
    }

    [Fact]
    public void ReadImages_UncompressedFile_Reads()
    {
        var content = IdxFiles.Images(2, 28, 28, i => (byte)i);
        var path = Path.Combine(_directory, "plain");
        File.WriteAllBytes(path, content);

        Assert.Equal(content[16..], IdxReader.ReadImages(path, 28, 28).Pixels);
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingPath()
    {
        var missing = Path.Combine(_directory, "nowhere");

        var error = Assert.Throws<DataSetException>(
            () => DataSets.Load(new DataSetOptions("fashion-mnist", missing, null, 10, 1)));

        Assert.Contains(missing, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingFile()
    {
        var directory = IdxFiles.DataSetDirectory(_directory, 30, 10);
        File.Delete(Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"));

        var error = Assert.Throws<DataSetException>(
            () => DataSets.Load(new DataSetOptions("mnist", directory, null, 10, 1)));

        Assert.Contains("t10k-labels-idx1-ubyte.gz not found", error.Message);
    }

    [Fact]
    public void Load_ImageAndLabelCountsDiffer_Throws()
    {
        var directory = IdxFiles.DataSetDirectory(_directory, 30, 10, trainLabelsOverride: new byte[29]);

        var error = Assert.Throws<DataSetException>(
            () => DataSets.Load(new DataSetOptions("mnist", directory, null, 10, 1)));

        Assert.Contains("30 images but 29 labels", error.Message);
    }

    [Fact]
    public void Load_UnknownDataSet_Throws()
    {
        var error = Assert.Throws<DataSetException>(
            () => DataSets.Load(new DataSetOptions("imagenet", string.Empty, null, 10, 1)));

        Assert.Contains("unknown data set 'imagenet'", error.Message);
    }

    private string WriteGzip(string name, byte[] content)
    {
        IdxFiles.Write(_directory, name, content);
        return Path.Combine(_directory, name);
    }
}
