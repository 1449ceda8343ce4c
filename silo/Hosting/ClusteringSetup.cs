using System.Net;
using HyperSearch.Silo.Grains;
using HyperSearch.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// Where a silo finds its peers and keeps grain state: one machine (localhost clustering, state
/// files) or a cluster (membership and state in Redis, through Orleans' own providers).
/// </summary>
public static class ClusteringSetup
{
    public static ISiloBuilder UseHyperSearchClustering(this ISiloBuilder silo, SiloSettings settings)
    {
        // The membership then names each silo as its trainer slots do ("{silo}/{slot}"): the
        // registry offers new sweeps to the live silos that have slots.
        silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
        if (settings.Redis is null)
        {
            var primary = settings.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, primary, settings.ServiceId, settings.ClusterId);
            silo.Services.AddGrainStorage(StorageNames.Sweeps, (sp, _) => new FileGrainStorage(settings.StateDirectory, sp.GetRequiredService<Serializer>()));
            return silo;
        }

        var redis = RedisOptions(settings.Redis);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.AdvertisedHost is { } host)
        {
            silo.ConfigureEndpoints(host, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }

        silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
        silo.AddRedisGrainStorage(StorageNames.Sweeps, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = redis;
            // Orleans' binary format: version-tolerant and the same as the embedded state files.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

        // A dead silo is noticed in seconds, while a silo whose cores are busy training (slow to
        // answer probes) is not evicted: 3 missed probes of 2 s each (docs/design.md, measured on Redis).
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 1;
        });
        return silo;
    }

    /// <summary>Redis options that ride out a Redis restart instead of aborting the silo.</summary>
    public static ConfigurationOptions RedisOptions(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        return options;
    }
}
