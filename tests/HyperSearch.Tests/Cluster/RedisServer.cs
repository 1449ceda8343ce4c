using System.Diagnostics;
using System.Net.Sockets;

namespace HyperSearch.Tests.Cluster;

/// <summary>Debian's redis-server on a free loopback port, with its data in a scratch directory.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly string[] _args;
    private Process _process;

    private RedisServer(Process process, int port, string? password, string[] args)
    {
        _process = process;
        _args = args;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string? Password { get; }

    /// <summary>The StackExchange.Redis connection string silos are given, with the password when there is one.</summary>
    public string Connection => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    /// <param name="password">Require this password of every client (<c>requirepass</c>); null: none.</param>
    /// <param name="tls">Serve TLS only, with this certificate, key and CA (PEM files); null: plain TCP.</param>
    public static async Task<RedisServer> StartAsync(string directory, string? password = null, (string Certificate, string Key, string Ca)? tls = null)
    {
        var port = TestSilo.FreePort();
        string[] listen = tls is { } t
            ? ["--port", "0", "--tls-port", port.ToString(), "--tls-cert-file", t.Certificate, "--tls-key-file", t.Key, "--tls-ca-cert-file", t.Ca, "--tls-auth-clients", "no"]
            : ["--port", port.ToString()];
        string[] args = [.. listen, "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "yes", .. password is null ? Array.Empty<string>() : ["--requirepass", password]];
        var process = Launch(args);
        await WaitForPortAsync(port, TimeSpan.FromSeconds(20));
        return new RedisServer(process, port, password, args);
    }

    /// <summary>Stops the server as an operator would (SIGTERM: its append-only file is flushed), leaving its data.</summary>
    public void Stop()
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        _process.WaitForExit();
    }

    /// <summary>Starts it again on the same port and data directory after <see cref="Stop"/>.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        _process = Launch(_args);
        await WaitForPortAsync(Port, TimeSpan.FromSeconds(20));
    }

    private static Process Launch(string[] args)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server)");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    public static async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
