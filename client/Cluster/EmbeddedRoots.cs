using HyperSearch.Silo.Ensembles;
using HyperSearch.Spec;

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
    public static IReadOnlyList<string> ForSpec(string specPath, SweepSpec spec)
    {
        var roots = new List<string> { Path.GetDirectoryName(Path.GetFullPath(specPath))! };
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

    /// <summary>The manifest's directory and its members' checkpoints, when the console can read it (else the silo says why not).</summary>
    public static IReadOnlyList<string> ForManifest(string manifestPath)
    {
        var roots = new List<string> { Path.GetDirectoryName(Path.GetFullPath(manifestPath))! };
        try
        {
            roots.AddRange(EnsembleManifest.Read(manifestPath).Members.Select(m => m.CheckpointPath));
        }
        catch (InvalidDataException)
        {
            // The embedded silo reads it again and reports the same problem as a user error.
        }

        return roots;
    }
}
