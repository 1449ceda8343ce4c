using HyperSearch.Silo.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// What the console's embedded silo may read besides its working directory, the built-in data sets
/// and its artifact store: the directories of the files the user named on this command line, which
/// the console has already read with the user's own rights. The embedded silo's gateway listens on
/// loopback, where other users of the machine can reach it too, so it gets no more than that.
/// </summary>
public static class EmbeddedRoots
{
    /// <summary>The spec's directory and the data, plugin and working directories it names.</summary>
    public static IReadOnlyList<string> ForSpec(string specPath, SweepSpec spec) =>
        [Path.GetDirectoryName(Path.GetFullPath(specPath))!, .. ForStoredSpec(spec)];

    /// <summary>The data, plugin and working directories a sweep's stored spec names (their paths are already absolute).</summary>
    public static IReadOnlyList<string> ForStoredSpec(SweepSpec spec)
    {
        var roots = new List<string>();
        if (spec.Data?.Path is { } data)
        {
            roots.Add(data);
        }

        if (spec.Trainer?.Plugin is { } plugin)
        {
            // Its own dependencies lie beside it.
            roots.Add(Path.GetDirectoryName(Path.GetFullPath(plugin))!);
        }

        if (spec.Trainer?.Command is { } command)
        {
            roots.Add(command.WorkingDirectory);
        }

        return roots;
    }

    /// <summary>
    /// The manifest's directory, its members' checkpoints and the data sets they were trained on, as
    /// far as the console can read them (the embedded silo reads them again and reports any problem).
    /// </summary>
    public static IReadOnlyList<string> ForManifest(string manifestPath)
    {
        var roots = new List<string> { Path.GetDirectoryName(Path.GetFullPath(manifestPath))! };
        foreach (var checkpoint in Read(() => EnsembleManifest.Read(manifestPath).Members.Select(m => m.CheckpointPath).ToList()) ?? [])
        {
            roots.Add(checkpoint);
            if (Read(() => CheckpointManifest.Read(Path.Combine(checkpoint, CheckpointFiles.Manifest)).Data.Path) is { } data)
            {
                roots.Add(data);
            }
        }

        return roots;
    }

    /// <summary>Null when not readable here either: the silo's own error says so.</summary>
    private static T? Read<T>(Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
