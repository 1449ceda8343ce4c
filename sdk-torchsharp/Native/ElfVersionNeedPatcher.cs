using System.Buffers.Binary;
using System.Text;

namespace HyperSearch.Trainer.Native;

/// <summary>
/// Edits the version requirements (<c>.gnu.version_r</c>) of a 64-bit little-endian ELF shared
/// library in memory. Marking a required version weak (VER_FLG_WEAK) makes glibc's loader accept a
/// library whose dependency lacks that version, instead of refusing to load it.
/// </summary>
/// <remarks>
/// Only section headers and the Verneed/Vernaux chains are read; nothing moves, so the file keeps
/// its size and layout and only two bytes of one flags field can change.
/// </remarks>
public static class ElfVersionNeedPatcher
{
    /// <summary>The Vernaux flag that tells the loader a missing version is not fatal.</summary>
    public const ushort VerFlagWeak = 0x2;

    private const uint SectionTypeVersionNeed = 0x6ffffffe;
    private const int SectionHeaderSize = 64;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;

    /// <summary>
    /// Sets <see cref="VerFlagWeak"/> on every requirement of <paramref name="versionName"/>.
    /// </summary>
    /// <returns>True when a byte changed; false when the version is not required or already weak.</returns>
    /// <exception cref="InvalidDataException">The input is not a well-formed ELF64 little-endian file.</exception>
    public static bool MarkVersionWeak(Span<byte> elf, string versionName)
    {
        var changed = false;
        foreach (var need in ReadVersionNeeds(elf))
        {
            if (need.Version == versionName && (need.Flags & VerFlagWeak) == 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(
                    elf.Slice(need.FlagsOffset, 2), (ushort)(need.Flags | VerFlagWeak));
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Lists every (library, version) requirement with its flags, in file order.</summary>
    /// <exception cref="InvalidDataException">The input is not a well-formed ELF64 little-endian file.</exception>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ReadOnlySpan<byte> elf)
    {
        CheckHeader(elf);
        var result = new List<VersionNeed>();
        var sectionOffset = ReadU64(elf, 0x28, "e_shoff");
        var sectionCount = (long)ReadU16(elf, 0x3C, "e_shnum");
        if (sectionOffset == 0)
        {
            return result;
        }

        if (sectionCount == 0)
        {
            // Extended numbering: with 0xff00 or more sections, e_shnum is 0 and the count lives in
            // the sh_size of section 0.
            sectionCount = (long)ReadU64(elf, Offset(sectionOffset + 0x20, elf, "section 0"), "sh_size");
        }

        for (long i = 0; i < sectionCount; i++)
        {
            var header = Offset(sectionOffset + ((ulong)i * SectionHeaderSize), elf, "section header");
            CheckRange(elf, header, SectionHeaderSize, "section header");
            if (ReadU32(elf, header + 4, "sh_type") != SectionTypeVersionNeed)
            {
                continue;
            }

            var strings = ReadStringTable(elf, sectionOffset, sectionCount, ReadU32(elf, header + 0x28, "sh_link"));
            var start = Offset(ReadU64(elf, header + 0x18, "sh_offset"), elf, ".gnu.version_r");
            var needCount = ReadU32(elf, header + 0x2C, "sh_info");
            ReadNeedChain(elf, start, needCount, strings, result);
        }

        return result;
    }

    private static void ReadNeedChain(
        ReadOnlySpan<byte> elf, int start, uint needCount, (int Offset, int Length) strings, List<VersionNeed> result)
    {
        var need = start;
        // sh_info bounds the walk so that a corrupt vn_next cycle cannot loop forever.
        for (uint n = 0; n < needCount; n++)
        {
            CheckRange(elf, need, VerneedSize, "Verneed entry");
            var auxCount = ReadU16(elf, need + 2, "vn_cnt");
            var file = ReadString(elf, strings, ReadU32(elf, need + 4, "vn_file"));
            var aux = checked(need + (int)ReadU32(elf, need + 8, "vn_aux"));
            for (var a = 0; a < auxCount; a++)
            {
                CheckRange(elf, aux, VernauxSize, "Vernaux entry");
                var name = ReadString(elf, strings, ReadU32(elf, aux + 8, "vna_name"));
                result.Add(new VersionNeed(file, name, ReadU16(elf, aux + 4, "vna_flags"), aux + 4));
                aux = checked(aux + (int)ReadU32(elf, aux + 12, "vna_next"));
            }

            var next = ReadU32(elf, need + 12, "vn_next");
            if (next == 0)
            {
                break;
            }

            need = checked(need + (int)next);
        }
    }

    private static void CheckHeader(ReadOnlySpan<byte> elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file (bad magic or shorter than an ELF header)");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"unsupported ELF file: class {elf[4]}, data {elf[5]} (only ELF64 little-endian)");
        }
    }

    private static (int Offset, int Length) ReadStringTable(
        ReadOnlySpan<byte> elf, ulong sectionOffset, long sectionCount, uint index)
    {
        if (index >= sectionCount)
        {
            throw new InvalidDataException($"corrupt ELF file: sh_link {index} names no section");
        }

        var header = Offset(sectionOffset + ((ulong)index * SectionHeaderSize), elf, "string table header");
        CheckRange(elf, header, SectionHeaderSize, "string table header");
        var start = Offset(ReadU64(elf, header + 0x18, "sh_offset"), elf, "string table");
        var size = ReadU64(elf, header + 0x20, "sh_size");
        if (size > (ulong)(elf.Length - start))
        {
            throw new InvalidDataException("corrupt ELF file: string table runs past the end of the file");
        }

        return (start, (int)size);
    }

    private static string ReadString(ReadOnlySpan<byte> elf, (int Offset, int Length) table, uint offset)
    {
        if (offset >= table.Length)
        {
            throw new InvalidDataException($"corrupt ELF file: string offset {offset} outside the string table");
        }

        var text = elf.Slice(table.Offset + (int)offset, table.Length - (int)offset);
        var end = text.IndexOf((byte)0);
        if (end < 0)
        {
            throw new InvalidDataException("corrupt ELF file: unterminated string in the string table");
        }

        return Encoding.ASCII.GetString(text[..end]);
    }

    private static int Offset(ulong value, ReadOnlySpan<byte> elf, string what) =>
        value < (ulong)elf.Length
            ? (int)value
            : throw new InvalidDataException($"corrupt ELF file: {what} at offset {value} lies past the end ({elf.Length} bytes)");

    private static void CheckRange(ReadOnlySpan<byte> elf, int offset, long length, string what)
    {
        if (offset < 0 || offset + length > elf.Length)
        {
            throw new InvalidDataException($"corrupt ELF file: {what} at offset {offset} runs past the end ({elf.Length} bytes)");
        }
    }

    private static ushort ReadU16(ReadOnlySpan<byte> elf, int offset, string field)
    {
        CheckRange(elf, offset, 2, field);
        return BinaryPrimitives.ReadUInt16LittleEndian(elf.Slice(offset, 2));
    }

    private static uint ReadU32(ReadOnlySpan<byte> elf, int offset, string field)
    {
        CheckRange(elf, offset, 4, field);
        return BinaryPrimitives.ReadUInt32LittleEndian(elf.Slice(offset, 4));
    }

    private static ulong ReadU64(ReadOnlySpan<byte> elf, int offset, string field)
    {
        CheckRange(elf, offset, 8, field);
        return BinaryPrimitives.ReadUInt64LittleEndian(elf.Slice(offset, 8));
    }
}
