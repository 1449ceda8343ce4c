using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HyperSearch.Deploy.Tests;

/// <summary>
/// The Dockerfiles and Compose files, for what can be checked without an engine (deploy/test-compose.sh
/// runs them for real): entry points the build produces, settings the silo has, files that exist.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private static readonly IReadOnlyDictionary<string, SiloSetting> Settings = SiloSettingsSource.Read();

    [Theory]
    [InlineData("Dockerfile.silo", "silo/HyperSearch.Silo.csproj", "silo")]
    [InlineData("Dockerfile.client", "client/HyperSearch.Client.csproj", "client")]
    public void Dockerfile_TakesItsBaseAsAnArgumentAndEntersTheProgramItCopies(string dockerfile, string project, string staged)
    {
        var text = File.ReadAllText(RepoFiles.File("deploy", "docker", dockerfile));
        var assembly = AssemblyName().Match(File.ReadAllText(RepoFiles.File(project.Split('/')))).Groups[1].Value;

        // ARG before FROM: the base is chosen at build time, with a default anyone can pull.
        Assert.Matches(@"(?m)^ARG BASE=mcr\.microsoft\.com/dotnet/runtime-deps:10\.0\s*\nFROM \$\{BASE\}", text);
        Assert.Contains($"COPY {staged}/ /app/", text, StringComparison.Ordinal);
        Assert.Contains($"ENTRYPOINT [\"/usr/bin/tini\", \"--\", \"/app/{assembly}\"]", text, StringComparison.Ordinal);
        // build.sh publishes the project into the folder the Dockerfile copies.
        Assert.Contains($"publish {project} {staged}", File.ReadAllText(RepoFiles.File("deploy", "images", "build.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryVariableInContainerFiles_IsASiloSetting()
    {
        var files = Directory.GetFiles(RepoFiles.File("deploy"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("Dockerfile", StringComparison.Ordinal));
        var names = files.SelectMany(f => SettingName().Matches(File.ReadAllText(f)).Select(m => (File: f, Name: m.Groups[1].Value))).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(Settings.ContainsKey(n.Name), $"{n.File}: HYPERSEARCH_{n.Name} is not a silo setting"));
    }

    [Fact]
    public void Compose_RunsRedisThreeSilosPrometheusGrafanaAndTheConsole_WithFilesThatExist()
    {
        var path = RepoFiles.File("deploy", "compose", "docker-compose.yml");
        var services = ((YamlMappingNode)Load(path)["services"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();

        Assert.Equal(new HashSet<string> { "redis", "silo1", "silo2", "silo3", "prometheus", "grafana", "console" }, services);
        var mounts = Regex.Matches(File.ReadAllText(path), @"- (\.{1,2}/[^:]+):");
        Assert.NotEmpty(mounts);
        foreach (Match mount in mounts)
        {
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, mount.Groups[1].Value));
            Assert.True(File.Exists(target) || Directory.Exists(target), $"compose mounts {mount.Groups[1].Value}, which does not exist");
        }
    }

    [Fact]
    public void ComposeSecrets_AreFilesTheDevCertificateScriptWrites()
    {
        var files = new[] { "docker-compose.yml", "docker-compose.tls.yml" }
            .SelectMany(f => Regex.Matches(File.ReadAllText(RepoFiles.File("deploy", "compose", f)), @"file: \./secrets/([\w.-]+)"))
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        var script = File.ReadAllText(RepoFiles.File("deploy", "tls", "make-dev-certs.sh"));

        Assert.Superset(new HashSet<string> { "ca.crt", "silo.crt", "silo.key", "redis-password" }, files);
        Assert.All(files.Where(f => f != "redis-password"), f => Assert.Contains(f, script, StringComparison.Ordinal));
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    // A silo's variable, not a Compose interpolation (${HYPERSEARCH_LEASE...} is the host's, for the file).
    [GeneratedRegex(@"(?<!\$\{)HYPERSEARCH_([A-Za-z]+)\b")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyName();
}
