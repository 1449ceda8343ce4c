using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Trainers;
using HyperSearch.Trainer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Hosting;

/// <summary>Builds a HyperSearch silo host; the standalone silo and the console's embedded silo share it.</summary>
public static class SiloHostBuilder
{
    /// <param name="customize">Last word on the host's services (the console replaces the lifetime, see its CommandHostLifetime).</param>
    public static IHost Build(SiloSettings settings, LogLevel minimumLogLevel = LogLevel.Warning, Action<IServiceCollection>? customize = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Every level to stderr: stdout belongs to `--json` summaries of the console's embedded silo.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(minimumLogLevel);
        if (minimumLogLevel > LogLevel.Information)
        {
            // Orleans' start-up notes (ServerGC, watchdog) mean nothing to someone running a sweep.
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
        }

        builder.UseOrleans(silo => silo.AddHyperSearch(settings));
        customize?.Invoke(builder.Services);
        return builder.Build();
    }

    public static ISiloBuilder AddHyperSearch(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.UseHyperSearchClustering(settings);
        silo.Services.AddSingleton(settings);
        silo.Services.AddSingleton(SiloRoots.From(settings));
        silo.AddHyperSearchTelemetry(settings);
        silo.Services.AddSingleton(BuiltInTrainers.Create(settings.Trainer, settings.SimulatedEpochDuration, settings.SimulatedEpochJitter));
        silo.Services.AddSingleton<PluginTrainers>();
        silo.Services.AddSingleton<UserCodePolicy>();
        silo.Services.AddSingleton<TrainerCatalog>();
        silo.Services.AddSingleton<Specs.SpecChecker>();
        silo.Services.AddSingleton<Training.SlotMessenger>();
        silo.Services.AddSingleton<Training.TrainerHost>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<Training.TrainerHost>());
        if (settings.ExplorerPort is > 0)
        {
            silo.Services.AddHostedService<SiloExplorer>();
        }

        return silo;
    }
}
