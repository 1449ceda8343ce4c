using System.Buffers.Binary;
using HyperSearch.Paths;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// One slot of a grain's state: a header (magic, sequence number, payload length, FNV-1a hash of
/// the payload) and the payload. A slot overwritten in place and cut short by a crash fails its
/// hash, so the reader takes the other slot, which holds the version before it. A slot that fails
/// its check is reported as corrupt, never as missing (<see cref="StateSlot"/>). Only a regular file is
/// a slot: a symbolic link is neither read nor written through (a link planted in the state directory
/// would otherwise have the silo overwrite whatever it points at), and a FIFO or device, which would
/// block a reader for ever, is corrupt.
/// </summary>
internal static class StateFile
{
    public const int HeaderLength = 24;

    private static ReadOnlySpan<byte> Magic => "HSS1"u8;

    /// <summary>The slot's sequence number as its header says, unverified; null when missing or not a slot.</summary>
    public static long? PeekSequence(string path)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (FileKinds.Of(path, followLinks: false) != FileKind.Regular)
        {
            return null;
        }

        try
        {
            using var handle = File.OpenHandle(path);
            return FileKinds.IsRegularFileAt(handle, path) && RandomAccess.Read(handle, header, 0) == HeaderLength && header[..4].SequenceEqual(Magic)
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
        if (NotAFile(path) is { } what)
        {
            return what == "missing" ? StateSlot.Missing : StateSlot.Corrupt($"{what}, not a state file");
        }

        byte[] bytes;
        try
        {
            using var handle = File.OpenHandle(path);
            if (!FileKinds.IsRegularFileAt(handle, path))
            {
                return StateSlot.Corrupt("replaced while it was opened, not a state file");
            }

            bytes = new byte[RandomAccess.GetLength(handle)];
            bytes = bytes[..RandomAccess.Read(handle, bytes, 0)];
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

    /// <summary>
    /// Overwrites the slot in place: the file (and its inode) is reused, not created anew. A slot that
    /// is a link, FIFO or device is refused (an <see cref="IOException"/> naming it), checked both
    /// before opening and on the opened handle.
    /// </summary>
    public static async Task WriteAsync(string path, long sequence, byte[] payload)
    {
        var what = NotAFile(path);
        if (what is not null and not "missing")
        {
            throw new IOException($"state file {path} is {what}: refusing to write through it (remove it; the other copy is kept)");
        }

        var bytes = new byte[HeaderLength + payload.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), Hash(payload));
        payload.CopyTo(bytes, HeaderLength);
        using var handle = File.OpenHandle(path, what is null ? FileMode.Open : FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
        if (!FileKinds.IsRegularFileAt(handle, path))
        {
            throw new IOException($"state file {path} was replaced while it was opened: refusing to write through it");
        }

        await RandomAccess.WriteAsync(handle, bytes, 0);
        RandomAccess.SetLength(handle, bytes.Length);
    }

    /// <summary>Null for a regular file; else what the path is ("missing", "a symbolic link", ...), without following a link.</summary>
    public static string? NotAFile(string path) => FileKinds.Of(path, followLinks: false) switch
    {
        FileKind.Regular => null,
        FileKind.Missing => "missing",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Directory => "a directory",
        _ => "not a regular file (a FIFO, socket or device)",
    };

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
