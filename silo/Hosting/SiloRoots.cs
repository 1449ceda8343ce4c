using HyperSearch.Paths;
using HyperSearch.Spec;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// The directories a silo reads data, plugins, command working directories, manifests and
/// checkpoints from: its data root, the built-in data sets' directories, its artifact store and
/// <see cref="SiloSettings.ExtraRoots"/>. A client that reaches a gateway can name any path; only
/// these are opened.
/// </summary>
public static class SiloRoots
{
    public static AllowedRoots From(SiloSettings settings) => new(Directories(settings));

    public static IEnumerable<string> Directories(SiloSettings settings)
    {
        if (DataRoot(settings) is { } dataRoot)
        {
            yield return dataRoot;
        }

        foreach (var builtIn in SpecNames.DefaultDataPaths.Values)
        {
            yield return builtIn;
        }

        if (!string.IsNullOrWhiteSpace(settings.ArtifactDirectory))
        {
            yield return Path.GetFullPath(settings.ArtifactDirectory);
        }

        foreach (var extra in (settings.ExtraRoots ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return Path.GetFullPath(extra);
        }
    }

    /// <summary>
    /// <see cref="SiloSettings.DataRoot"/>, else the working directory (where relative spec paths then
    /// start), except the file system's root: a service started in / would otherwise allow everything.
    /// </summary>
    private static string? DataRoot(SiloSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.DataRoot))
        {
            return Path.GetFullPath(settings.DataRoot);
        }

        var workingDirectory = Environment.CurrentDirectory;
        return Path.GetPathRoot(workingDirectory) == workingDirectory ? null : workingDirectory;
    }
}
