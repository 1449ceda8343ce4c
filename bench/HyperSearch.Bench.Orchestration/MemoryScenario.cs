using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HyperSearch.Contracts;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// A silo's memory over a long sweep: one standalone silo process (silo/bin, the simulated trainer,
/// zero-length trials, state files) runs a sweep of <see cref="Trials"/> one-epoch trials on 8 slots
/// while this process, a client, samples the silo's resident memory (/proc/PID/status VmRSS) every
/// 1,000 finished trials. After warm-up it should stay flat: the figure is RSS at 20,000 against 5,000.
/// </summary>
public static class MemoryScenario
{
    public const int Trials = 20_000;
    private const int WarmTrials = 5_000;
    private const int Slots = 8;

    public static async Task<JsonObject> RunAsync(TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("hypersearch-memory-").FullName;
        var gatewayPort = FreePort();
        using var silo = StartSilo(directory, gatewayPort);
        try
        {
            using var client = await ConnectAsync(gatewayPort);
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var sweep = grains.GetGrain<ISweepGrain>("memory");
            var started = Stopwatch.StartNew();
            await sweep.Start(BenchSpecs.Random("memory", Trials, 1));
            var samples = new JsonArray();
            long version = -1;
            var next = 1_000;
            long? warm = null;
            SweepSummary summary;
            do
            {
                summary = await sweep.WatchSummary(version, TimeSpan.FromSeconds(1));
                version = summary.Version;
                if (summary.Finished >= next || summary.IsFinished)
                {
                    var rss = ResidentBytes(silo.Id);
                    samples.Add(new JsonObject { ["finished"] = summary.Finished, ["rssMiB"] = Math.Round(rss / 1048576.0, 1), ["seconds"] = Math.Round(started.Elapsed.TotalSeconds, 1) });
                    warm ??= summary.Finished >= WarmTrials ? rss : null;
                    next = (summary.Finished / 1_000 * 1_000) + 1_000;
                }

                await Task.Delay(50);
            }
            while (!summary.IsFinished);

            var end = ResidentBytes(silo.Id);
            var ratio = (double)end / warm!.Value;
            output.WriteLine(
                $"memory: {summary.Finished} zero-length trials on {Slots} slots, one silo process: RSS {warm.Value / 1048576.0:F1} MiB at {WarmTrials} trials, " +
                $"{end / 1048576.0:F1} MiB at {summary.Finished} ({(ratio - 1) * 100:+0.0;-0.0}%) in {started.Elapsed.TotalSeconds:F1} s");
            return new JsonObject
            {
                ["trials"] = summary.Finished,
                ["slots"] = Slots,
                ["rssMiBAtWarm"] = Math.Round(warm.Value / 1048576.0, 1),
                ["rssMiBAtEnd"] = Math.Round(end / 1048576.0, 1),
                ["endOverWarm"] = Math.Round(ratio, 3),
                ["wallSeconds"] = Math.Round(started.Elapsed.TotalSeconds, 1),
                ["loadAverageBefore"] = Stats.LoadAverage(),
                ["samples"] = samples,
            };
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static Process StartSilo(string directory, int gatewayPort)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "silo", "bin", "Release", "net10.0", "hypersearch-silo.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            Path.GetFullPath(dll), "--name", "memory", "--slots", Slots.ToString(CultureInfo.InvariantCulture), "--trainer", "simulated",
            "--SimulatedEpochDuration", "00:00:00", "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--state-dir", Path.Combine(directory, "state"),
            "--artifacts", Path.Combine(directory, "artifacts"),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<IHost> ConnectAsync(int gatewayPort)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
            builder.UseOrleansClient(client =>
            {
                client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("hypersearch", "hypersearch"));
            });
            var host = builder.Build();
            try
            {
                await host.StartAsync();
                return host;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                host.Dispose();
                await Task.Delay(500);
            }
        }
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
