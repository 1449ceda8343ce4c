using System.Diagnostics;
using System.Text;

namespace HyperSearch.Tests.Cluster;

/// <summary>A real `hypersearch-silo` (or `hypersearch silo`) process, in a Redis cluster or alone, so a test can SIGKILL it.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, string name, int gatewayPort)
    {
        _process = process;
        Name = name;
        GatewayPort = gatewayPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int GatewayPort { get; }

    public string Gateway => $"127.0.0.1:{GatewayPort}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="redis">The cluster's Redis; null: localhost clustering, this silo alone.</param>
    /// <param name="extraArgs">More settings, e.g. <c>--data-root DIR</c>.</param>
    public static Task<SiloProcess> StartAsync(
        string name, string? redis, string workingDirectory, int slots = 1, TimeSpan? lease = null, params string[] extraArgs) =>
        StartAsync(["hypersearch-silo.dll"], name, redis, workingDirectory, slots, lease, extraArgs);

    /// <summary>The same silo started as <c>hypersearch silo ...</c> (client/Commands/SiloCommand.cs).</summary>
    public static Task<SiloProcess> StartFromConsoleAsync(string name, string redis, string workingDirectory, params string[] extraArgs) =>
        StartAsync(["hypersearch.dll", "silo"], name, redis, workingDirectory, slots: 1, lease: null, extraArgs);

    private static async Task<SiloProcess> StartAsync(
        string[] program, string name, string? redis, string workingDirectory, int slots, TimeSpan? lease, string[] extraArgs)
    {
        var gatewayPort = TestSilo.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program[0]));
        foreach (var word in program[1..])
        {
            start.ArgumentList.Add(word);
        }

        string[] args =
        [
            "--name", name, .. redis is null ? Array.Empty<string>() : ["--redis", redis], "--advertised-host", "127.0.0.1",
            "--silo-port", TestSilo.FreePort().ToString(), "--gateway-port", gatewayPort.ToString(),
            "--slots", slots.ToString(), "--lease", (lease ?? TimeSpan.FromSeconds(5)).ToString("c"),
            "--state-dir", Path.Combine(workingDirectory, "state-" + name),
            // The idle-slot poll is only a safety net: the tests' sweeps must reach slots through offers alone.
            "--IdlePollInterval", "00:10:00",
            .. extraArgs,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var silo = new SiloProcess(Process.Start(start)!, name, gatewayPort);
        await RedisServer.WaitForPortAsync(gatewayPort, TimeSpan.FromSeconds(60));
        return silo;
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster; like a machine losing power.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
