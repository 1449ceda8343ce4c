using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HyperSearch.Paths;

/// <summary>
/// Tells regular files from FIFOs, devices and links without opening them: .NET reports a FIFO or
/// <c>/dev/zero</c> as a normal, empty file, and opening a FIFO to look blocks until a writer comes.
/// Uses <c>statx</c>, whose layout is the same on every Linux architecture.
/// </summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int InoOffset = 32;
    private const int DevOffset = 136;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;

    /// <summary>The kind of <paramref name="path"/>; with <paramref name="followLinks"/> false a link is reported as one.</summary>
    public static FileKind Of(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux())
        {
            return ManagedKind(path, followLinks);
        }

        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return FileKind.Missing;
        }

        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
    }

    /// <summary>
    /// Whether <paramref name="handle"/> is the regular file that <paramref name="path"/> names itself
    /// (not through a link): checked after opening, so a link or FIFO swapped in between a check and
    /// the open is caught before anything is written through it.
    /// </summary>
    public static bool IsRegularFileAt(SafeFileHandle handle, string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Of(path, followLinks: false) == FileKind.Regular;
        }

        var opened = new byte[StatxSize];
        var named = new byte[StatxSize];
        var fd = (int)handle.DangerousGetHandle();
        return Statx(fd, "", AtEmptyPath, StatxType | StatxIno, opened) == 0
            && Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxIno, named) == 0
            && (BinaryPrimitives.ReadUInt16LittleEndian(opened.AsSpan(ModeOffset)) & 0xF000) == 0x8000
            && opened.AsSpan(ModeOffset, 2).SequenceEqual(named.AsSpan(ModeOffset, 2))
            && opened.AsSpan(InoOffset, 8).SequenceEqual(named.AsSpan(InoOffset, 8))
            && opened.AsSpan(DevOffset, 8).SequenceEqual(named.AsSpan(DevOffset, 8));
    }

    private static FileKind ManagedKind(string path, bool followLinks)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
        {
            return info.LinkTarget is null ? FileKind.Missing : FileKind.SymbolicLink;
        }

        return !followLinks && info.LinkTarget is not null ? FileKind.SymbolicLink
            : info.Attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory
            : FileKind.Regular;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
