namespace HyperSearch.Trainer.Native;

/// <summary>One symbol-version requirement of an ELF file (a Vernaux entry).</summary>
/// <param name="File">The library that must provide the version, e.g. libstdc++.so.6.</param>
/// <param name="Version">The version name, e.g. GLIBCXX_3.4.32.</param>
/// <param name="Flags">vna_flags; bit 0x2 (VER_FLG_WEAK) makes a missing version non-fatal.</param>
/// <param name="FlagsOffset">File offset of vna_flags, where a patch writes.</param>
public sealed record class VersionNeed(string File, string Version, ushort Flags, int FlagsOffset);
