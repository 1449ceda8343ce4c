using System.Net;

namespace HyperSearch.Explorer.Hosting;

/// <summary>Where the explorer listens, and the token it asks for when it listens beyond loopback.</summary>
public sealed record class ExplorerOptions(string Host = "127.0.0.1", int Port = 8080, string? Token = null)
{
    /// <summary>The environment variable a token may come from (the console's `ui`, a silo's explorer).</summary>
    public const string TokenVariable = "HYPERSEARCH_EXPLORER_TOKEN";

    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Null when these options may be used; else why not, in one line.</summary>
    public string? Problem() =>
        Port is < 0 or > 65535 ? $"port {Port} is not a TCP port"
        : Host != "localhost" && !IPAddress.TryParse(Host, out _) ? $"host '{Host}' is not an IP address (use 0.0.0.0 for every interface)"
        : !IsLoopback && string.IsNullOrEmpty(Token) ? $"binding {Host} beyond loopback needs a token: set {TokenVariable} (or ExplorerToken for a silo), which every request must then carry"
        : null;
}
