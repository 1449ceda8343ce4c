using System.Net;
using System.Security.Cryptography.X509Certificates;
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
    /// <summary>The name Orleans' Redis grain storage is registered under; the grains use <see cref="StorageNames.Sweeps"/>.</summary>
    private const string RedisStateName = "sweeps-redis";

    public static ISiloBuilder UseHyperSearchClustering(this ISiloBuilder silo, SiloSettings settings)
    {
        // The membership then names each silo as its trainer slots do ("{silo}/{slot}"): the
        // registry offers new sweeps to the live silos that have slots.
        silo.Configure<SiloOptions>(o => o.SiloName = settings.SiloName);
        if (TlsFiles.From(settings) is { } tls)
        {
            silo.UseTls(options => ClusterTls.Configure(options, tls.Load()));
        }

        if (settings.Redis is null)
        {
            var primary = settings.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, primary, settings.ServiceId, settings.ClusterId);
            silo.Services.AddGrainStorage(StorageNames.Sweeps, (sp, _) => new FileGrainStorage(settings.StateDirectory, sp.GetRequiredService<Serializer>()));
            return silo;
        }

        var redis = RedisOptions(settings.Redis, settings.RedisPasswordFile, settings.RedisTlsCa);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        // Listen where others reach this silo, not on every interface (a second network card, a
        // public address) unless asked to.
        if (settings.AdvertisedHost is { } host)
        {
            silo.ConfigureEndpoints(host, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.ListenOnAllInterfaces);
        }
        else
        {
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.ListenOnAllInterfaces);
        }

        silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
        silo.AddRedisGrainStorage(RedisStateName, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = redis;
            // Orleans' binary format: version-tolerant and the same as the embedded state files.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        // The grains use Orleans' provider through RedisSweepStorage: garbled values refused, the registry rebuilt by SCAN.
        silo.Services.AddGrainStorage(StorageNames.Sweeps, (sp, _) => new RedisSweepStorage(
            sp.GetRequiredKeyedService<IGrainStorage>(RedisStateName),
            new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()),
            redis,
            settings.ServiceId));

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

    /// <summary>
    /// Redis options that ride out a Redis restart instead of aborting the silo. The password comes
    /// from the connection string (<c>host:port,password=...,ssl=true</c>) or, so that it appears in no
    /// environment or command line, from <paramref name="passwordFile"/> (a mounted secret).
    /// </summary>
    /// <param name="tlsCa">
    /// The CA that issued Redis's TLS certificate (often the cluster's own): set, the connection uses
    /// TLS and accepts only a server certificate from that CA; null: TLS only if the connection
    /// string says <c>ssl=true</c>, checked against the system's trusted CAs.
    /// </param>
    public static ConfigurationOptions RedisOptions(string connection, string? passwordFile = null, string? tlsCa = null)
    {
        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        if (!string.IsNullOrWhiteSpace(passwordFile))
        {
            options.Password = File.ReadAllText(passwordFile).Trim();
        }

        if (!string.IsNullOrWhiteSpace(tlsCa))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(tlsCa);
            options.Ssl = true;
            options.CertificateValidation += (_, certificate, _, _) =>
                certificate is not null && ClusterTls.IsIssuedBy(ca, certificate as X509Certificate2 ?? new X509Certificate2(certificate));
        }

        return options;
    }
}
