using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;

namespace HyperSearch.Client.Commands;

/// <summary>Finds a sweep by id, with a user error when the cluster never heard of it.</summary>
public static class SweepLookup
{
    public static async Task<SweepSnapshot> GetExistingAsync(ClusterConnection connection, string sweepId)
    {
        SweepIds.Check(sweepId);
        var snapshot = await connection.Grains.GetGrain<ISweepGrain>(sweepId).GetSnapshot();
        if (snapshot.Status == SweepStatus.Created)
        {
            throw new UserErrorException($"sweep: no sweep '{sweepId}' on {connection.Gateway} (see `hypersearch list`)");
        }

        return snapshot;
    }
}
