using System.Buffers.Binary;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// One slot of a grain's state: a header (magic, sequence number, payload length, FNV-1a hash of
/// the payload) and the payload. A slot overwritten in place and cut short by a crash fails its
/// hash, so the reader takes the other slot, which holds the version before it. A slot that fails
/// its check is reported as corrupt, never as missing (<see cref="StateSlot"/>).
/// </summary>
internal static class StateFile
{
    public const int HeaderLength = 24;

    private static ReadOnlySpan<byte> Magic => "HSS1"u8;

    /// <summary>The slot's sequence number as its header says, unverified; null when missing or not a slot.</summary>
    public static long? PeekSequence(string path)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        try
        {
            using var handle = File.OpenHandle(path);
            return RandomAccess.Read(handle, header, 0) == HeaderLength && header[..4].SequenceEqual(Magic)
                ? BinaryPrimitives.ReadInt64LittleEndian(header[4..])
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The slot's sequence number and payload, or why it has none: missing, or corrupt (torn, garbled, not a slot).</summary>
    public static StateSlot Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return StateSlot.Missing;
        }

        if (bytes.Length < HeaderLength)
        {
            return StateSlot.Corrupt($"{bytes.Length} bytes, shorter than the {HeaderLength}-byte header");
        }

        if (!bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return StateSlot.Corrupt("not a state slot (bad magic)");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (length != bytes.Length - HeaderLength)
        {
            return StateSlot.Corrupt($"payload of {bytes.Length - HeaderLength} bytes where the header says {length}");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16)) != Hash(bytes.AsSpan(HeaderLength)))
        {
            return StateSlot.Corrupt("payload hash mismatch");
        }

        return StateSlot.Whole(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)), bytes[HeaderLength..]);
    }

    /// <summary>Overwrites the slot in place: the file (and its inode) is reused, not created anew.</summary>
    public static async Task WriteAsync(string path, long sequence, byte[] payload)
    {
        var bytes = new byte[HeaderLength + payload.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), Hash(payload));
        payload.CopyTo(bytes, HeaderLength);
        using var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
        await RandomAccess.WriteAsync(handle, bytes, 0);
        RandomAccess.SetLength(handle, bytes.Length);
    }

    private static ulong Hash(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
