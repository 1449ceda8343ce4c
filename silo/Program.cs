using HyperSearch.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A standalone silo: `hypersearch-silo [--silo-port N] [--gateway-port N] [--primary-port N] [--slots N] [--name NAME] [--state-dir DIR]`.
var settings = new SiloSettings();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    var value = args[i + 1];
    switch (args[i])
    {
        case "--silo-port": settings.SiloPort = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        case "--gateway-port": settings.GatewayPort = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        case "--primary-port": settings.PrimarySiloPort = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        case "--slots": settings.Slots = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        case "--name": settings.SiloName = value; break;
        case "--state-dir": settings.StateDirectory = value; break;
        default:
            Console.Error.WriteLine($"error: unknown option {args[i]}");
            return 2;
    }
}

using var host = SiloHostBuilder.Build(settings, LogLevel.Information);
await host.RunAsync();
return 0;
