using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperSearch.Trainer.Tests;

/// <summary>Writes IDX files (gzip) for tests: whole, cut short, or with a wrong header.</summary>
internal static class IdxFiles
{
    public static byte[] Images(int count, int rows, int columns, Func<int, byte> pixel, int magic = 0x00000803)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        var pixels = new byte[count * rows * columns];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = pixel(i);
        }

        return [.. header, .. pixels];
    }

    public static byte[] Labels(byte[] labels, int magic = 0x00000801)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), labels.Length);
        return [.. header, .. labels];
    }

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>A directory laid out like /usr/share/datasets/fashion-mnist with small files.</summary>
    public static string DataSetDirectory(string parent, int trainCount, int testCount, byte[]? trainLabelsOverride = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(parent, Guid.NewGuid().ToString("N"))).FullName;
        Write(directory, "train-images-idx3-ubyte.gz", Images(trainCount, 28, 28, i => (byte)(i % 251)));
        Write(directory, "train-labels-idx1-ubyte.gz", Labels(trainLabelsOverride ?? CyclicLabels(trainCount)));
        Write(directory, "t10k-images-idx3-ubyte.gz", Images(testCount, 28, 28, i => (byte)(i % 13)));
        Write(directory, "t10k-labels-idx1-ubyte.gz", Labels(CyclicLabels(testCount)));
        return directory;
    }

    public static void Write(string directory, string name, byte[] content) =>
        File.WriteAllBytes(Path.Combine(directory, name), Gzip(content));

    private static byte[] CyclicLabels(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
}
