using HyperSearch.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HyperSearch.Silo.Telemetry;

/// <summary>
/// The silo's instruments, and their export: a Prometheus scrape endpoint when
/// <see cref="SiloSettings.MetricsPort"/> is set, OTLP (metrics and spans) when
/// <see cref="SiloSettings.OtlpEndpoint"/> is. With neither, nothing listens and nothing is sent.
/// OpenTelemetry picks meters by name across the whole process, not per host: export from one silo
/// per process (two exporting silos in one process, as some tests start them, mix their figures).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "hypersearch-silo";

    /// <summary>Orleans' meter (about 95 instruments: activations, messaging, membership, ...).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>.NET's own meter since .NET 9: GC, JIT, thread pool, exceptions, process CPU and memory.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>Where the scrape endpoint answers (the exporter's default).</summary>
    public const string PrometheusPath = "/metrics/";

    public static ISiloBuilder AddHyperSearchTelemetry(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<HyperSearchInstruments>();
        var prometheus = settings.MetricsPort is > 0;
        var otlp = !string.IsNullOrWhiteSpace(settings.OtlpEndpoint);
        if (!prometheus && !otlp)
        {
            return silo;
        }

        var endpoint = otlp ? new Uri(settings.OtlpEndpoint!) : null;
        var protocol = ParseProtocol(settings.OtlpProtocol);
        var version = typeof(TelemetrySetup).Assembly.GetName().Version?.ToString();
        var telemetry = silo.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: version, autoGenerateServiceInstanceId: false, serviceInstanceId: settings.SiloName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HyperSearchInstruments.MeterName, OrleansMeter, RuntimeMeter);

                // Creates the instruments with the provider: the gauges exist before any grain needs them.
                metrics.AddInstrumentation(sp => sp.GetRequiredService<HyperSearchInstruments>());
                if (prometheus)
                {
                    metrics.AddPrometheusHttpListener(o => ConfigurePrometheus(o, settings.MetricsHost, settings.MetricsPort!.Value));
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter(o => ConfigureOtlp(o, endpoint!, protocol, "v1/metrics"));
                }
            });

        if (otlp)
        {
            // Grain calls carry the trace context, so a trial's reports join the trial's trace.
            silo.AddActivityPropagation();
            telemetry.WithTracing(tracing => tracing
                .AddSource(HyperSearchTracing.SourceName, "Microsoft.Orleans.Application")
                .AddOtlpExporter(o => ConfigureOtlp(o, endpoint!, protocol, "v1/traces")));
        }

        return silo;
    }

    /// <summary>
    /// The exporter builds its listener prefix from Host with UriBuilder, which rejects HttpListener's
    /// wildcards: for every interface ("*", "+" or "0.0.0.0") the prefix is replaced by a wildcard one.
    /// </summary>
    private static void ConfigurePrometheus(PrometheusHttpListenerOptions options, string host, int port)
    {
        options.Port = port;
        if (host.Trim() is "*" or "+" or "0.0.0.0")
        {
            options.Host = "localhost";
            options.ConfigureHttpListener = (_, listener) =>
            {
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://*:{port}{PrometheusPath}");
            };
        }
        else
        {
            options.Host = host.Trim();
        }
    }

    /// <summary>
    /// gRPC takes the collector's address as is; OTLP over HTTP set in code takes the full URL of
    /// each signal (the SDK appends /v1/traces and /v1/metrics only to endpoints from environment variables).
    /// </summary>
    private static void ConfigureOtlp(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    private static OtlpExportProtocol ParseProtocol(string protocol) => protocol.Trim().ToLowerInvariant() switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" or "http" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new ArgumentException($"OtlpProtocol: expected grpc or http/protobuf, got '{protocol}'"),
    };
}
