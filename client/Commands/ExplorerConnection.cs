using System.CommandLine;
using HyperSearch.Client.Cluster;

namespace HyperSearch.Client.Commands;

/// <summary>What <c>ui</c> and <c>report</c> read: a cluster's gateway, or the local state directory through a silo in this process that trains nothing.</summary>
public static class ExplorerConnection
{
    public static Option<string?> Gateway() => new("--gateway")
    {
        Description = "HOST:PORT of a running silo's gateway. Omit it to read --state-dir here (through the silo of a `hypersearch run` already using it, if one is)",
    };

    public static Task<ClusterConnection> OpenAsync(string? gateway, string stateDirectory, CancellationToken cancellationToken) =>
        ClusterConnection.OpenAsync(gateway, () => new EmbeddedSiloOptions(Slots: 0, stateDirectory, Verbose: false) { PauseOrphanedSweeps = false }, cancellationToken);
}
