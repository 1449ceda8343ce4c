using System.Buffers.Binary;
using System.IO.Compression;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// Reads the IDX files of the MNIST family (gzip-compressed or plain) and checks everything a
/// damaged download could get wrong: magic number, shape, length, label range.
/// </summary>
public static class IdxReader
{
    /// <summary>unsigned byte data, 3 dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>unsigned byte data, 1 dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <exception cref="DataSetException">The file is missing, not IDX images of the expected size, or truncated.</exception>
    public static IdxImages ReadImages(string path, int rows, int columns)
    {
        var name = Path.GetFileName(path);
        using var stream = Open(path);
        var header = ReadHeader(stream, name, ImagesMagic, dimensions: 3);
        if (header[1] != rows || header[2] != columns)
        {
            throw new DataSetException($"{name}: images are {header[1]}x{header[2]}, expected {rows}x{columns}");
        }

        var pixels = new byte[(long)header[0] * rows * columns];
        ReadPayload(stream, name, pixels, "pixels");
        return new IdxImages(header[0], rows, columns, pixels);
    }

    /// <exception cref="DataSetException">The file is missing, not IDX labels, truncated, or holds a label of <paramref name="classes"/> or more.</exception>
    public static byte[] ReadLabels(string path, int classes)
    {
        var name = Path.GetFileName(path);
        using var stream = Open(path);
        var header = ReadHeader(stream, name, LabelsMagic, dimensions: 1);
        var labels = new byte[header[0]];
        ReadPayload(stream, name, labels, "labels");
        var bad = Array.FindIndex(labels, label => label >= classes);
        if (bad >= 0)
        {
            throw new DataSetException($"{name}: label {labels[bad]} of item {bad} is out of range (expected 0 to {classes - 1})");
        }

        return labels;
    }

    private static Stream Open(string path)
    {
        DataFile.CheckReadable(path);
        Stream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataSetException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataSetException($"{path}: cannot be read: {e.Message}", e);
        }

        // The gzip magic (1f 8b) decides, not the file name, so an unpacked copy also works.
        var first = file.ReadByte();
        var second = file.ReadByte();
        file.Position = 0;
        return first == 0x1f && second == 0x8b
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
            : file;
    }

    /// <returns>The dimension sizes, each checked to be positive.</returns>
    private static int[] ReadHeader(Stream stream, string name, int expectedMagic, int dimensions)
    {
        var header = new byte[4 * (1 + dimensions)];
        var read = ReadFully(stream, name, header);
        if (read < 4)
        {
            throw new DataSetException($"{name}: truncated: the file ends inside the IDX header");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new DataSetException(
                $"{name}: bad magic number 0x{magic:x8}, expected 0x{expectedMagic:x8} (not an IDX {(dimensions == 1 ? "label" : "image")} file)");
        }

        if (read < header.Length)
        {
            throw new DataSetException($"{name}: truncated: the file ends inside the IDX header");
        }

        var sizes = new int[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            sizes[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * (i + 1)));
            if (sizes[i] <= 0)
            {
                throw new DataSetException($"{name}: dimension {i} has size {sizes[i]}");
            }
        }

        return sizes;
    }

    private static void ReadPayload(Stream stream, string name, byte[] payload, string what)
    {
        var read = ReadFully(stream, name, payload);
        if (read < payload.Length)
        {
            throw new DataSetException($"{name}: truncated: expected {payload.Length} bytes of {what}, got {read}");
        }

        if (ReadFully(stream, name, new byte[1]) != 0)
        {
            throw new DataSetException($"{name}: unexpected data after the {payload.Length} bytes of {what}");
        }
    }

    /// <returns>Bytes read; fewer than asked only at the end of the data.</returns>
    private static int ReadFully(Stream stream, string name, byte[] buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataSetException($"{name}: corrupt gzip data: {e.Message}", e);
        }
    }
}
