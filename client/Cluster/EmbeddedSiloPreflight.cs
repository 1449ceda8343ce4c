using System.Net;
using System.Net.Sockets;
using HyperSearch.Client.Commands;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// What an embedded silo needs from this machine, checked before it starts: a state directory and
/// an artifact store it can write, and a free metrics port. Each problem is one user error naming
/// the flag, instead of the silo's start-up failing with pages of log and a stack trace.
/// </summary>
public static class EmbeddedSiloPreflight
{
    /// <exception cref="UserErrorException">The directory cannot be created or written.</exception>
    public static void EnsureWritableDirectory(string path, string what)
    {
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserErrorException($"{what} {Shorten(path)}: cannot write there ({Reason(e)})");
        }
    }

    /// <exception cref="UserErrorException">Something already listens on the port.</exception>
    public static void EnsurePortFree(int port, string flag)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new UserErrorException($"{flag} {port}: {(e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "already in use by another program" : e.Message)}");
        }
    }

    /// <summary>The exception's reason without the path it repeats (which may be thousands of characters).</summary>
    private static string Reason(Exception e) => e switch
    {
        PathTooLongException => "the path is too long",
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException or FileNotFoundException => "a part of the path is missing or not a directory",
        _ => Shorten(e.Message), // the system's own words: "Read-only file system", "No space left on device"
    };

    private static string Shorten(string path) => path.Length <= 200 ? path : string.Concat(path.AsSpan(0, 200), "...");
}
