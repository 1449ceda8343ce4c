using System.Text;

namespace HyperSearch.Trainer.Native;

/// <summary>Finds out whether the libstdc++ this process binds to defines a given symbol version.</summary>
internal static class LibStdCxxProbe
{
    private const string LibraryName = "libstdc++.so.6";

    // Debian/Ubuntu multiarch first, then the Red Hat and plain layouts.
    private static readonly string[] StandardDirectories =
    [
        "/usr/lib/x86_64-linux-gnu",
        "/lib/x86_64-linux-gnu",
        "/usr/lib64",
        "/lib64",
        "/usr/lib",
        "/lib",
    ];

    /// <summary>
    /// True when the process's libstdc++ defines <paramref name="version"/>, false when it does not,
    /// null when no libstdc++ could be found (then patching is the safe choice: a weak requirement
    /// that is in fact satisfied changes nothing).
    /// </summary>
    public static bool? Defines(string version)
    {
        var path = FindLoadedLibrary() ?? FindOnSearchPath();
        if (path is null)
        {
            return null;
        }

        // Version names are NUL-terminated strings in .dynstr; the terminator keeps
        // GLIBCXX_3.4.3 from matching GLIBCXX_3.4.32.
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        return File.ReadAllBytes(path).AsSpan().IndexOf(needle) >= 0;
    }

    /// <summary>
    /// The .NET runtime itself links libstdc++, so the copy already mapped into this process is
    /// exactly the one the loader will bind libLibTorchSharp.so to (it reuses loaded sonames).
    /// </summary>
    private static string? FindLoadedLibrary()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.Contains("/libstdc++.so", StringComparison.Ordinal))
            {
                var path = line[slash..].Trim();
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static string? FindOnSearchPath()
    {
        var fromEnvironment = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries);
        return fromEnvironment.Concat(StandardDirectories)
            .Select(directory => Path.Combine(directory, LibraryName))
            .FirstOrDefault(File.Exists);
    }
}
