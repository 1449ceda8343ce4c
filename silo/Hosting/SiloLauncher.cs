using HyperSearch.Trainer.Native;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// Starts a standalone cluster silo from a command line: <c>hypersearch-silo ARGS</c> (silo/Program.cs)
/// and <c>hypersearch silo ARGS</c> (client/Commands/SiloCommand.cs) both run it. Settings
/// (SiloSettings' property names) come from appsettings.json in the working directory, then
/// HYPERSEARCH_* environment variables (HYPERSEARCH_Redis=...), then the command line: the short
/// flags below, or --PropertyName value for any setting.
/// </summary>
public static class SiloLauncher
{
    private static readonly Dictionary<string, string> Flags = new()
    {
        ["--name"] = nameof(SiloSettings.SiloName),
        ["--silo-port"] = nameof(SiloSettings.SiloPort),
        ["--gateway-port"] = nameof(SiloSettings.GatewayPort),
        ["--primary-port"] = nameof(SiloSettings.PrimarySiloPort),
        ["--slots"] = nameof(SiloSettings.Slots),
        ["--threads"] = nameof(SiloSettings.ThreadsPerSlot),
        ["--state-dir"] = nameof(SiloSettings.StateDirectory),
        ["--redis"] = nameof(SiloSettings.Redis),
        ["--redis-password-file"] = nameof(SiloSettings.RedisPasswordFile),
        ["--redis-tls-ca"] = nameof(SiloSettings.RedisTlsCa),
        ["--advertised-host"] = nameof(SiloSettings.AdvertisedHost),
        ["--lease"] = nameof(SiloSettings.LeaseDuration),
        ["--metrics-port"] = nameof(SiloSettings.MetricsPort),
        ["--metrics-host"] = nameof(SiloSettings.MetricsHost),
        ["--explorer-port"] = nameof(SiloSettings.ExplorerPort),
        ["--explorer-host"] = nameof(SiloSettings.ExplorerHost),
        ["--otlp-endpoint"] = nameof(SiloSettings.OtlpEndpoint),
        ["--otlp-protocol"] = nameof(SiloSettings.OtlpProtocol),
        ["--device"] = nameof(SiloSettings.Device),
        ["--devices"] = nameof(SiloSettings.Devices),
        ["--artifacts"] = nameof(SiloSettings.ArtifactDirectory),
        ["--data-root"] = nameof(SiloSettings.DataRoot),
        ["--extra-roots"] = nameof(SiloSettings.ExtraRoots),
        ["--trainer"] = nameof(SiloSettings.Trainer),
        ["--listen-any"] = nameof(SiloSettings.ListenOnAllInterfaces),
        ["--tls-cert"] = nameof(SiloSettings.TlsCertificate),
        ["--tls-key"] = nameof(SiloSettings.TlsKey),
        ["--tls-ca"] = nameof(SiloSettings.TlsCa),
        ["--allow-commands"] = nameof(SiloSettings.AllowCommands),
        ["--allow-plugins"] = nameof(SiloSettings.AllowPlugins),
    };

    /// <returns>0 after a clean shutdown; 2 with one <c>error:</c> line for a bad setting.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args is ["--patch-native-only"])
        {
            // For container images: make TorchSharp loadable at build time, then exit.
            TorchRuntime.Initialize(1);
            output.WriteLine("TorchSharp loads; patched: " + string.Join(", ", TorchRuntime.PatchedLibraries));
            return 0;
        }

        var settings = new SiloSettings();
        try
        {
            new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
                .AddEnvironmentVariables("HYPERSEARCH_")
                .AddCommandLine(args, Flags)
                .Build()
                .Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
            DeviceSlots.Expand(settings);
            TrainerKinds.Validate(settings);
            if (settings.RedisPasswordFile is { Length: > 0 } passwordFile && !File.Exists(passwordFile))
            {
                throw new FormatException($"RedisPasswordFile: file not found: {passwordFile}");
            }

            if (settings.RedisTlsCa is { Length: > 0 } redisCa && !File.Exists(redisCa))
            {
                throw new FormatException($"RedisTlsCa: file not found: {redisCa}");
            }
            if (TlsFiles.From(settings) is { } tls)
            {
                // Read the files now, so a wrong path is one line here, not a failed start-up later.
                tls.Load().Dispose();
            }
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or TlsConfigurationException)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }

        using var host = SiloHostBuilder.Build(settings, LogLevel.Information);
        await host.RunAsync();
        return 0;
    }
}
