using System.Runtime.Versioning;

namespace HyperSearch.Trainer.Native;

/// <summary>
/// Makes TorchSharp's own native library loadable where the system libstdc++ is older than the one
/// it was linked against (Debian 12, Ubuntu 22.04): its only GLIBCXX_3.4.32 symbol is never bound
/// through a relocation, so marking that requirement weak is enough.
/// </summary>
internal static class LibTorchSharpPatch
{
    public const string MissingVersion = "GLIBCXX_3.4.32";
    private const string LibraryFile = "libLibTorchSharp.so";

    /// <summary>
    /// Patches the copies of libLibTorchSharp.so this application loads, when the system needs it.
    /// Returns the paths it rewrote (empty when the system libstdc++ is new enough or the copies were
    /// already patched).
    /// </summary>
    public static IReadOnlyList<string> ApplyIfNeeded()
    {
        if (!OperatingSystem.IsLinux() || LibStdCxxProbe.Defines(MissingVersion) == true)
        {
            return [];
        }

        var patched = new List<string>();
        foreach (var path in FindApplicationCopies())
        {
            if (IsInNuGetCache(path))
            {
                // A patch there would change every project on the machine that uses the package.
                continue;
            }

            if (PatchFile(path))
            {
                patched.Add(path);
            }
        }

        return patched;
    }

    /// <summary>The copies the loader may pick, in the order the host probes them.</summary>
    internal static IEnumerable<string> FindApplicationCopies()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var hostDirectories = (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return hostDirectories
            .Append(Path.Combine(baseDirectory, "runtimes", "linux-x64", "native"))
            .Append(baseDirectory)
            .Select(directory => Path.GetFullPath(Path.Combine(directory, LibraryFile)))
            .Distinct(StringComparer.Ordinal)
            .Where(File.Exists);
    }

    /// <summary>
    /// Rewrites the file through a temporary file and a rename, never in place: build outputs are
    /// hard links into the NuGet cache, and writing through one would patch the cached package too.
    /// The rename also leaves any process that has the old file mapped undisturbed.
    /// </summary>
    [SupportedOSPlatform("linux")]
    internal static bool PatchFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (!ElfVersionNeedPatcher.MarkVersionWeak(bytes, MissingVersion))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(directory, $".{LibraryFile}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TorchRuntimeException(
                $"Cannot patch {path} for this system's libstdc++, which lacks {MissingVersion}: {e.Message} " +
                "(make the directory writable for one start, or install a libstdc++ from GCC 13 or later).",
                e);
        }
        finally
        {
            File.Delete(temporary);
        }

        return true;
    }

    private static bool IsInNuGetCache(string path)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(cache)) + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal);
    }
}
