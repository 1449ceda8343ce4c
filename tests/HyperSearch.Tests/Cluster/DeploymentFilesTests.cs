using System.Text.RegularExpressions;
using HyperSearch.Silo.Hosting;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// No Docker engine or Kubernetes runs here, so the deployment files are checked for what can be
/// checked: well-formed YAML of the expected kinds, settings that the silo really has, entry points
/// that the build really produces, and mounted paths that exist in the repository.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void KubernetesManifests_HaveTheExpectedKinds()
    {
        var kinds = Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml")
            .SelectMany(LoadDocuments)
            .Select(d => ((YamlScalarNode)d["kind"]).Value!)
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "ConfigMap", "StatefulSet", "Service", "Deployment", "PersistentVolumeClaim" }, kinds);
    }

    [Fact]
    public void GpuSilos_RequestNvidiaGpus()
    {
        var text = File.ReadAllText(Path.Combine(Root, "deploy", "k8s", "silo-gpu-statefulset.yaml"));
        Assert.Matches(@"nvidia\.com/gpu:\s*1", text);
    }

    [Fact]
    public void EnvironmentSettings_AreSiloSettings()
    {
        var properties = typeof(SiloSettings).GetProperties().Select(p => p.Name).ToHashSet();
        var files = Directory.GetFiles(Path.Combine(Root, "deploy"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml") || Path.GetFileName(f).StartsWith("Dockerfile"));

        var names = files.SelectMany(f => SettingName().Matches(File.ReadAllText(f)).Select(m => (File: f, Name: m.Groups[1].Value))).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(properties.Contains(n.Name), $"{n.File}: HYPERSEARCH_{n.Name} is not a silo setting"));
    }

    [Fact]
    public void Dockerfiles_EnterProgramsTheBuildProduces()
    {
        foreach (var dockerfile in Directory.GetFiles(Path.Combine(Root, "deploy", "docker"), "Dockerfile.*"))
        {
            var entry = EntryPoint().Match(File.ReadAllText(dockerfile));
            Assert.True(entry.Success, $"{dockerfile} has no ENTRYPOINT [\"/usr/bin/tini\", \"--\", \"dotnet\", \"X.dll\"]");
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, entry.Groups[1].Value)), $"{dockerfile}: the build makes no {entry.Groups[1].Value}");
        }
    }

    [Fact]
    public void Compose_RunsThreeSilosWithRedisPrometheusAndGrafana()
    {
        var compose = LoadDocuments(Path.Combine(Root, "deploy", "compose", "docker-compose.yml")).Single();
        var services = ((YamlMappingNode)compose["services"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();

        Assert.Superset(new HashSet<string> { "redis", "silo1", "silo2", "silo3", "prometheus", "grafana" }, services);
        foreach (Match mount in Regex.Matches(File.ReadAllText(Path.Combine(Root, "deploy", "compose", "docker-compose.yml")), @"- (\.{1,2}/[^:]+):"))
        {
            var path = Path.GetFullPath(Path.Combine(Root, "deploy", "compose", mount.Groups[1].Value));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"compose mounts {mount.Groups[1].Value}, which does not exist");
        }
    }

    [Fact]
    public void KubernetesSecrets_AreTheOnesCreateSecretsMakes_AndComposeTlsUsesTheDevCertificateFiles()
    {
        var manifests = string.Concat(Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").Select(File.ReadAllText));
        var mounted = Regex.Matches(manifests, @"(?:secretName|name): (hypersearch-(?:tls|redis))\b").Select(m => m.Groups[1].Value).ToHashSet();
        var created = Regex.Matches(File.ReadAllText(Path.Combine(Root, "deploy", "k8s", "create-secrets.sh")), @"kubectl create secret generic (\S+)")
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(new HashSet<string> { "hypersearch-tls", "hypersearch-redis" }, mounted);
        Assert.Equal(mounted, created);

        var compose = File.ReadAllText(Path.Combine(Root, "deploy", "compose", "docker-compose.tls.yml"));
        var files = Regex.Matches(compose, @"file: \./secrets/([\w.-]+)").Select(m => m.Groups[1].Value).ToHashSet();
        var script = File.ReadAllText(Path.Combine(Root, "deploy", "tls", "make-dev-certs.sh"));
        Assert.Superset(new HashSet<string> { "ca.crt", "silo.crt", "silo.key" }, files);
        Assert.All(files.Where(f => f != "redis-password"), f => Assert.Contains(f, script, StringComparison.Ordinal));
    }

    private static IEnumerable<YamlMappingNode> LoadDocuments(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperSearch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HyperSearch.sln not found above the test binaries");
    }

    [GeneratedRegex(@"HYPERSEARCH_([A-Za-z]+)")]
    private static partial Regex SettingName();

    /// <summary>The program a Dockerfile enters, run by dotnet, perhaps under tini (PID 1 that reaps orphans).</summary>
    [GeneratedRegex(@"ENTRYPOINT \[(?:""/usr/bin/tini"", ""--"", )?""dotnet"", ""([^""]+\.dll)""")]
    private static partial Regex EntryPoint();
}
