using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Specs;
using HyperSearch.Silo.Trainers;
using HyperSearch.Spec;
using HyperSearch.Trainer;

namespace HyperSearch.Client.Commands;

/// <summary>
/// Reads a spec file and has it checked (trainer schema, plugin, data files) where it will run: by
/// this process's own trainers for an embedded silo, by a silo of the cluster with <c>--gateway</c>,
/// so the console needs neither the data set nor the plugin for a cluster. Problems become user errors.
/// </summary>
public static class SpecLoader
{
    /// <summary>
    /// Checks the spec here, as the embedded silo would; relative paths start at the spec's directory.
    /// The console reads with its user's own rights for that user, so it may look anywhere.
    /// </summary>
    public static SweepSpec LoadHere(string path)
    {
        // The user's own code, as the embedded silo allows it.
        var userCode = new UserCodePolicy(new SiloSettings { AllowCommands = UserCodePolicy.Any, AllowPlugins = UserCodePolicy.Any });
        var trainers = new TrainerCatalog(BuiltInTrainers.Create(BuiltInTrainers.Torch, TimeSpan.Zero, 0), new PluginTrainers(), AllowedRoots.Everywhere, userCode);
        var check = new SpecChecker(trainers, new SiloSettings(), AllowedRoots.Everywhere, userCode).Check(ReadText(path), SpecDirectory(path));
        return check.Spec ?? throw new UserErrorException(check.Errors);
    }

    /// <summary>Checks the spec here, or, with a <paramref name="gateway"/>, on a silo of that cluster (connecting only for the check).</summary>
    public static async Task<SweepSpec> LoadAsync(string path, string? gateway, CancellationToken cancellationToken)
    {
        if (gateway is null)
        {
            return LoadHere(path);
        }

        await using var cluster = await ClusterConnection.ConnectAsync(gateway, cancellationToken);
        return await LoadOnClusterAsync(cluster.Grains, path);
    }

    /// <summary>Checks the spec on a silo of the cluster; relative paths start at that silo's <c>DataRoot</c>.</summary>
    public static async Task<SweepSpec> LoadOnClusterAsync(IClusterClient cluster, string path)
    {
        var check = await cluster.GetGrain<ISpecGrain>(0).Check(ReadText(path), baseDirectory: null);
        return check.Spec ?? throw new UserErrorException(check.Errors);
    }

    private static string SpecDirectory(string path) => Path.GetDirectoryName(Path.GetFullPath(path))!;

    private static string ReadText(string path)
    {
        try
        {
            return SpecFile.ReadText(path);
        }
        catch (SpecException e)
        {
            throw new UserErrorException(e.Errors.Select(error => error.ToString()).ToArray());
        }
    }
}
