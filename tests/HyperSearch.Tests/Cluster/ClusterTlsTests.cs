using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using HyperSearch.Silo.Hosting;

namespace HyperSearch.Tests.Cluster;

/// <summary>
/// A secured cluster: two silo processes on a Redis that speaks only TLS and wants a password, mutual TLS on every
/// connection with certificates from deploy/tls/make-dev-certs.sh. Only a console with a certificate
/// from the cluster's CA gets in; the silos listen on their advertised address only.
/// </summary>
public sealed class ClusterTlsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SweepRunsOverTls_AndConsolesWithoutACertificateOrFromAnotherCaAreRefused()
    {
        using var temp = new TempDirectory();
        var certs = await MakeCertificatesAsync(temp.Path, "certs");
        var otherCerts = await MakeCertificatesAsync(temp.Path, "other-certs");
        // Redis too speaks only TLS, with a certificate from the cluster's CA, and wants a password.
        using var redis = await RedisServer.StartAsync(
            temp.Path, password: "cluster-secret", tls: (Path.Combine(certs, "silo.crt"), Path.Combine(certs, "silo.key"), Path.Combine(certs, "ca.crt")));
        string[] tls =
        [
            "--tls-cert", Path.Combine(certs, "silo.crt"), "--tls-key", Path.Combine(certs, "silo.key"), "--tls-ca", Path.Combine(certs, "ca.crt"),
            "--redis-tls-ca", Path.Combine(certs, "ca.crt"),
            // Command trials are opt-in on a cluster silo: sh only.
            "--allow-commands", "sh",
        ];
        // One silo has the password in its connection string, the other reads it from a file (a mounted secret).
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path, extraArgs: tls);
        var passwordFile = temp.File("redis-password", "cluster-secret\n");
        using var s2 = await SiloProcess.StartAsync("s2", $"127.0.0.1:{redis.Port}", temp.Path, extraArgs: [.. tls, "--redis-password-file", passwordFile]);
        var gateways = $"{s1.Gateway},{s2.Gateway}";
        var spec = temp.File("tls.yaml", """
            name: tls
            trainer: { command: [sh, -c, "echo epoch=1 score={x}"], metrics: [score] }
            budget: { trials: 4, max_epochs: 1 }
            search: { strategy: grid }
            space:
              x: { choice: [0.1, 0.2, 0.3, 0.4] }
            """);

        var run = await Cli.RunDotnetAsync(temp.Path, Timeout, Console(certs, "console"), CliDll, "run", spec, "--json", "--gateway", gateways);
        var noCertificate = await Cli.RunDotnetAsync(temp.Path, Timeout, new Dictionary<string, string>(), CliDll, "list", "--gateway", s1.Gateway);
        var otherCa = await Cli.RunDotnetAsync(temp.Path, Timeout, Console(otherCerts, "console"), CliDll, "list", "--gateway", s1.Gateway);
        // Through the other silo, which reached Redis with the password from its file: it sees the sweep.
        var member = await Cli.RunDotnetAsync(temp.Path, Timeout, Console(certs, "console"), CliDll, "list", "--gateway", s2.Gateway);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}\n{s1.Log}");
        var summary = JsonNode.Parse(run.OutLines[^1])!;
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(4, (int?)summary["trials"]!["completed"]);
        Assert.Equal(0.4, (double)summary["best"]!["metrics"]!["score"]!, 6);

        Assert.Equal(1, noCertificate.ExitCode);
        Assert.Contains("cannot reach", noCertificate.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("tls-", noCertificate.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, otherCa.ExitCode);
        Assert.Contains("cannot reach", otherCa.StdErr, StringComparison.Ordinal);
        Assert.True(member.ExitCode == 0, $"exit {member.ExitCode}: {member.StdErr}");
        Assert.Contains("tls-", member.StdOut, StringComparison.Ordinal);

        // Listening on the advertised address (127.0.0.1) only, not on every interface.
        Assert.Equal(["0100007F"], ListeningAddresses(s1.GatewayPort));
    }

    [Fact]
    public async Task OnlyCertificatesFromTheClustersCa_AreMembers()
    {
        using var temp = new TempDirectory();
        var certs = await MakeCertificatesAsync(temp.Path, "certs");
        var other = await MakeCertificatesAsync(temp.Path, "other");
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "ca.crt"));
        using var silo = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "silo.crt"));
        using var console = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(certs, "console.crt"));
        using var stranger = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(other, "console.crt"));
        using var otherCa = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(other, "ca.crt"));

        Assert.True(ClusterTls.IsIssuedBy(ca, silo));
        Assert.True(ClusterTls.IsIssuedBy(ca, console));
        Assert.False(ClusterTls.IsIssuedBy(ca, stranger));
        Assert.False(ClusterTls.IsIssuedBy(ca, otherCa));
    }

    [Fact]
    public async Task ASiloWithAMissingCertificateFile_IsOneLineAndExitTwo()
    {
        using var temp = new TempDirectory();
        var certs = await MakeCertificatesAsync(temp.Path, "certs");

        var result = await Cli.RunDotnetAsync(
            temp.Path, Timeout, new Dictionary<string, string>(), Path.Combine(AppContext.BaseDirectory, "hypersearch-silo.dll"),
            "--tls-cert", Path.Combine(certs, "missing.crt"), "--tls-key", Path.Combine(certs, "silo.key"), "--tls-ca", Path.Combine(certs, "ca.crt"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: TlsCertificate: file not found: " + Path.Combine(certs, "missing.crt"), Assert.Single(result.ErrorLines));
    }

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "hypersearch.dll");

    private static Dictionary<string, string> Console(string directory, string name) => new()
    {
        ["HYPERSEARCH_TlsCertificate"] = Path.Combine(directory, name + ".crt"),
        ["HYPERSEARCH_TlsKey"] = Path.Combine(directory, name + ".key"),
        ["HYPERSEARCH_TlsCa"] = Path.Combine(directory, "ca.crt"),
    };

    private static async Task<string> MakeCertificatesAsync(string root, string name)
    {
        var directory = Path.Combine(root, name);
        var script = RepoFiles.PathOf("deploy", "tls", "make-dev-certs.sh");
        var result = await Cli.RunProcessAsync(root, TimeSpan.FromMinutes(1), "bash", script, directory);
        Assert.True(result.ExitCode == 0, $"make-dev-certs.sh: exit {result.ExitCode}: {result.StdErr}");
        return directory;
    }

    /// <summary>The local addresses (hex, as /proc/net/tcp writes them) of sockets listening on the port.</summary>
    private static string[] ListeningAddresses(int port) =>
        File.ReadAllLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A" && int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            .Select(f => f[1].Split(':')[0])
            .Distinct()
            .ToArray();
}
