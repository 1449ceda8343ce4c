using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// NumPy's .npy format (version 1.0, little-endian, C order) for float32 and int64 arrays, so saved
/// class probabilities open with <c>numpy.load</c> as well as here.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void WriteFloat32(string path, float[] values, params long[] shape)
    {
        CheckShape(values.LongLength, shape);
        using var stream = File.Create(path);
        WriteHeader(stream, "<f4", shape);
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        stream.Write(bytes);
    }

    public static void WriteInt64(string path, long[] values, params long[] shape)
    {
        CheckShape(values.LongLength, shape);
        using var stream = File.Create(path);
        WriteHeader(stream, "<i8", shape);
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        stream.Write(bytes);
    }

    /// <exception cref="InvalidDataException">Not a little-endian float32 .npy file in C order.</exception>
    public static (float[] Values, long[] Shape) ReadFloat32(string path)
    {
        var (payload, shape) = Read(path, "<f4", sizeof(float));
        var values = new float[payload.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(payload.AsSpan(i * sizeof(float)));
        }

        return (values, shape);
    }

    /// <exception cref="InvalidDataException">Not a little-endian int64 .npy file in C order.</exception>
    public static (long[] Values, long[] Shape) ReadInt64(string path)
    {
        var (payload, shape) = Read(path, "<i8", sizeof(long));
        var values = new long[payload.Length / sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(i * sizeof(long)));
        }

        return (values, shape);
    }

    private static void WriteHeader(Stream stream, string descr, long[] shape)
    {
        var dims = shape.Length == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : $"({string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {dims}, }}";
        // Magic (6) + version (2) + length (2) + header + newline: a multiple of 64 bytes.
        var unpadded = Magic.Length + 4 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (unpadded % 64)) % 64)) + "\n";
        stream.Write(Magic);
        stream.Write([1, 0]);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    private static (byte[] Payload, long[] Shape) Read(string path, string descr, int itemSize)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic) || bytes[6] != 1)
        {
            throw new InvalidDataException($"{name}: not a version 1 .npy file");
        }

        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (10 + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"{name}: truncated .npy header");
        }

        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        var match = HeaderPattern().Match(header);
        if (!match.Success || match.Groups["descr"].Value != descr || match.Groups["fortran"].Value != "False")
        {
            throw new InvalidDataException($"{name}: expected a C-order {descr} array");
        }

        var shape = match.Groups["shape"].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture))
            .ToArray();
        var count = shape.Aggregate(1L, (product, d) => product * d);
        var payload = bytes.AsSpan(10 + headerLength);
        if (payload.Length != count * itemSize)
        {
            throw new InvalidDataException($"{name}: {payload.Length} bytes of data for shape ({string.Join(", ", shape)})");
        }

        return (payload.ToArray(), shape);
    }

    private static void CheckShape(long count, long[] shape)
    {
        if (shape.Length == 0 || shape.Aggregate(1L, (product, d) => product * d) != count)
        {
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) does not hold {count} values", nameof(shape));
        }
    }

    [GeneratedRegex(@"'descr':\s*'(?<descr>[^']+)',\s*'fortran_order':\s*(?<fortran>True|False),\s*'shape':\s*\((?<shape>[^)]*)\)")]
    private static partial Regex HeaderPattern();
}
