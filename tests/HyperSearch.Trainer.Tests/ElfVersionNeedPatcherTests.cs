using System.Buffers.Binary;
using HyperSearch.Trainer.Native;

namespace HyperSearch.Trainer.Tests;

public sealed class ElfVersionNeedPatcherTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void MarkVersionWeak_RealLibrary_SetsWeakFlagOnlyThere()
    {
        var library = PristineLibraryCopy();

        var changed = ElfVersionNeedPatcher.MarkVersionWeak(library, Version);

        Assert.True(changed);
        var needs = ElfVersionNeedPatcher.ReadVersionNeeds(library);
        var target = Assert.Single(needs, need => need.Version == Version);
        Assert.Equal("libstdc++.so.6", target.File);
        Assert.Equal(ElfVersionNeedPatcher.VerFlagWeak, target.Flags & ElfVersionNeedPatcher.VerFlagWeak);
        Assert.All(needs.Where(need => need.Version != Version), need => Assert.Equal(0, need.Flags & ElfVersionNeedPatcher.VerFlagWeak));
    }

    [Fact]
    public void MarkVersionWeak_SecondCall_ChangesNothing()
    {
        var library = PristineLibraryCopy();
        ElfVersionNeedPatcher.MarkVersionWeak(library, Version);
        var once = library.ToArray();

        var changed = ElfVersionNeedPatcher.MarkVersionWeak(library, Version);

        Assert.False(changed);
        Assert.Equal(once, library);
    }

    [Fact]
    public void MarkVersionWeak_ChangesExactlyTheFlagBytes()
    {
        var original = PristineLibraryCopy();
        var patched = original.ToArray();

        ElfVersionNeedPatcher.MarkVersionWeak(patched, Version);

        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var flags = ElfVersionNeedPatcher.ReadVersionNeeds(original).Single(need => need.Version == Version).FlagsOffset;
        Assert.Equal([flags], differing);
    }

    [Fact]
    public void MarkVersionWeak_VersionNotRequired_ReturnsFalse()
    {
        var library = PristineLibraryCopy();

        Assert.False(ElfVersionNeedPatcher.MarkVersionWeak(library, "GLIBCXX_9.9.9"));
    }

    [Fact]
    public void MarkVersionWeak_NotElf_ThrowsInvalidData()
    {
        var text = "#!/bin/sh\necho this is not a shared library, but long enough to hold an ELF header\n"u8.ToArray();

        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionWeak(text, Version));

        Assert.Contains("not an ELF file", error.Message);
    }

    [Fact]
    public void MarkVersionWeak_TinyInput_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.MarkVersionWeak(new byte[] { 0x7f, (byte)'E' }, Version));
    }

    [Fact]
    public void ReadVersionNeeds_SectionTableOutsideFile_ThrowsInvalidData()
    {
        var header = PristineLibraryCopy()[..64];

        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.ReadVersionNeeds(header));
    }

    /// <summary>The application's copy of libLibTorchSharp.so with the weak bit cleared again, as shipped.</summary>
    private static byte[] PristineLibraryCopy()
    {
        var path = LibTorchSharpPatch.FindApplicationCopies().First();
        var bytes = File.ReadAllBytes(path);
        foreach (var need in ElfVersionNeedPatcher.ReadVersionNeeds(bytes).Where(need => need.Version == Version))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(
                bytes.AsSpan(need.FlagsOffset), (ushort)(need.Flags & ~ElfVersionNeedPatcher.VerFlagWeak));
        }

        return bytes;
    }
}
