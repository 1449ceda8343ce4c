using HyperSearch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A standalone silo. Settings (SiloSettings' property names) come from appsettings.json next to the
// working directory, then HYPERSEARCH_* environment variables (HYPERSEARCH_Redis=...), then the
// command line: the short flags below, or --PropertyName value for any setting.
var flags = new Dictionary<string, string>
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

if (args is ["--patch-native-only"])
{
    // For container images: make TorchSharp loadable at build time, then exit.
    HyperSearch.Trainer.Native.TorchRuntime.Initialize(1);
    Console.WriteLine("TorchSharp loads; patched: " + string.Join(", ", HyperSearch.Trainer.Native.TorchRuntime.PatchedLibraries));
    return 0;
}

var settings = new SiloSettings();
try
{
    new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables("HYPERSEARCH_")
        .AddCommandLine(args, flags)
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
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

using var host = SiloHostBuilder.Build(settings, LogLevel.Information);
await host.RunAsync();
return 0;
