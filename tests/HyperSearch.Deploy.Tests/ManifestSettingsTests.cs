using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace HyperSearch.Deploy.Tests;

/// <summary>The manifests against the silo they run: its settings, ports and where it reads secrets.</summary>
public sealed partial class ManifestSettingsTests
{
    private const string Prefix = "HYPERSEARCH_";

    // Settings that name files the silo reads: each must be a key of a secret mounted at its directory.
    private static readonly string[] SecretFileSettings = ["TlsCertificate", "TlsKey", "TlsCa", "RedisTlsCa", "RedisPasswordFile"];

    private static readonly IReadOnlyDictionary<string, SiloSetting> Settings = SiloSettingsSource.Read();

    public static TheoryData<string> Silos() => new(K8sObjects.StatefulSets().Select(s => s.Metadata.Name));

    [Fact]
    public void SettingsSource_IsReadWithItsKnownProperties()
    {
        // Guards the parser itself: an empty result would make every test below pass vacuously.
        Assert.Equal("11111", Settings["SiloPort"].Default);
        Assert.Equal("30000", Settings["GatewayPort"].Default);
        Assert.Contains("TlsCertificate", Settings.Keys);
    }

    [Theory]
    [MemberData(nameof(Silos))]
    public void EveryVariable_IsASiloSettingWithAValueOfItsType(string silo)
    {
        var env = K8sObjects.Environment(Set(silo));

        Assert.NotEmpty(env);
        Assert.All(env, pair =>
        {
            Assert.StartsWith(Prefix, pair.Key, StringComparison.Ordinal);
            var name = pair.Key[Prefix.Length..];
            Assert.True(Settings.TryGetValue(name, out var setting), $"{pair.Key} is no property of SiloSettings");
            Assert.Equal(setting.Name, name);
            if (pair.Value is { } value)
            {
                Assert.True(Parses(setting.Type, value), $"{pair.Key}={value} is no {setting.Type}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Silos))]
    public void ContainerPorts_AreTheSilosPorts(string silo)
    {
        var set = Set(silo);
        var ports = K8sObjects.Silo(set).Ports.ToDictionary(p => p.Name, p => p.ContainerPort);

        Assert.Equal(Effective(set, "SiloPort"), ports["silo"]);
        Assert.Equal(Effective(set, "GatewayPort"), ports["gateway"]);
        Assert.Equal(Effective(set, "MetricsPort"), ports["metrics"]);
    }

    [Fact]
    public void Services_ReachTheSilosPorts()
    {
        var set = Set("hypersearch-silo");
        var ports = K8sObjects.Silo(set).Ports.ToDictionary(p => p.Name, p => p.ContainerPort);
        var services = K8sObjects.All().OfType<V1Service>().Where(s => s.Spec.Selector["component"] == "silo").ToList();

        Assert.Equal(2, services.Count);
        Assert.All(services.SelectMany(s => s.Spec.Ports), p =>
            Assert.Equal(ports[p.Name], p.TargetPort is null ? p.Port : int.Parse(p.TargetPort.Value, CultureInfo.InvariantCulture)));
        Assert.Equal(
            Effective(set, "MetricsPort").ToString(CultureInfo.InvariantCulture),
            set.Spec.Template.Metadata.Annotations["prometheus.io/port"]);
    }

    [Fact]
    public void RedisSetting_NamesTheRedisService()
    {
        var redis = K8sObjects.All().OfType<V1Service>().Single(s => s.Metadata.Name == "hypersearch-redis");

        Assert.Equal($"hypersearch-redis:{redis.Spec.Ports.Single().Port}", K8sObjects.Config().Data["HYPERSEARCH_Redis"]);
    }

    [Theory]
    [MemberData(nameof(Silos))]
    public void SecretFiles_AreMountedWhereTheTlsSettingsLook(string silo)
    {
        var set = Set(silo);
        var env = K8sObjects.Environment(set);
        var volumes = set.Spec.Template.Spec.Volumes.ToDictionary(v => v.Name);
        var secretKeys = SecretKeysCreated();

        Assert.All(SecretFileSettings, setting =>
        {
            Assert.True(env.TryGetValue(Prefix + setting, out var path) && path is not null, $"{setting} is not set");
            var directory = Path.GetDirectoryName(path)!;
            var mount = K8sObjects.Silo(set).VolumeMounts.SingleOrDefault(m => m.MountPath == directory);
            Assert.True(mount is not null, $"{setting}: nothing is mounted at {directory}");
            Assert.True(mount.ReadOnlyProperty, $"{directory} should be mounted read-only");
            var secret = volumes[mount.Name].Secret;
            Assert.True(secret is not null, $"{directory} is not a secret");
            // 0400 as Kubernetes reads YAML (octal); a reader that took it for decimal 400 would differ.
            Assert.Equal(256, secret.DefaultMode);
            Assert.Contains(Path.GetFileName(path), secretKeys[secret.SecretName]);
        });
    }

    [Fact]
    public void GpuVariant_AsksForGpusAndRunsTheCudaImage()
    {
        var set = Set("hypersearch-silo-gpu");
        var silo = K8sObjects.Silo(set);
        var env = K8sObjects.Environment(set);
        var gpus = int.Parse(silo.Resources.Limits["nvidia.com/gpu"].ToString(), CultureInfo.InvariantCulture);

        Assert.True(gpus >= 1);
        Assert.StartsWith("cuda", env[Prefix + "Device"], StringComparison.Ordinal);
        Assert.True(int.Parse(env[Prefix + "Slots"]!, CultureInfo.InvariantCulture) <= gpus, "more slots than GPUs");
        // The image the build script makes with TorchSharp's CUDA package; the CPU silos must not use it.
        var image = silo.Image.Split(':')[0];
        Assert.Equal("hypersearch-silo-cuda", image);
        Assert.Contains(image, File.ReadAllText(RepoFiles.File("deploy", "images", "build.sh")), StringComparison.Ordinal);
        Assert.DoesNotContain("cuda", K8sObjects.Silo(Set("hypersearch-silo")).Image, StringComparison.Ordinal);
    }

    private static V1StatefulSet Set(string name) => K8sObjects.StatefulSets().Single(s => s.Metadata.Name == name);

    /// <summary>A port setting as the silo sees it: the pod's variable, else the property's initializer.</summary>
    private static int Effective(V1StatefulSet set, string setting) =>
        int.Parse(
            K8sObjects.Environment(set).GetValueOrDefault(Prefix + setting) ?? Settings[setting].Default ?? "0",
            CultureInfo.InvariantCulture);

    /// <summary>The keys of each secret deploy/k8s/create-secrets.sh creates.</summary>
    private static Dictionary<string, HashSet<string>> SecretKeysCreated()
    {
        var script = File.ReadAllText(Path.Combine(RepoFiles.K8s, "create-secrets.sh"));
        var result = new Dictionary<string, HashSet<string>>();
        foreach (Match command in SecretCommand().Matches(script))
        {
            result[command.Groups[1].Value] = SecretKey().Matches(command.Groups[2].Value).Select(k => k.Groups[1].Value).ToHashSet();
        }

        return result;
    }

    private static bool Parses(string type, string value) => type.TrimEnd('?') switch
    {
        "int" => int.TryParse(value, CultureInfo.InvariantCulture, out _),
        "bool" => bool.TryParse(value, out _),
        "double" => double.TryParse(value, CultureInfo.InvariantCulture, out _),
        "TimeSpan" => TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _),
        "string" => true,
        _ => throw new InvalidOperationException($"no parser for {type}"),
    };

    // A `kubectl create secret generic NAME ...` command with its continuation lines.
    [GeneratedRegex(@"kubectl create secret generic (\S+)((?:[^\n]*\\\n)*[^\n]*)")]
    private static partial Regex SecretCommand();

    [GeneratedRegex(@"--from-(?:file|literal)=([^=\s]+)=")]
    private static partial Regex SecretKey();
}
