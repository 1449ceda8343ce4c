using System.Net;

namespace HyperSearch.Explorer.Hosting;

/// <summary>Where the explorer listens, and the token it asks for when it listens beyond loopback.</summary>
public sealed record class ExplorerOptions(string Host = "127.0.0.1", int Port = 8080, string? Token = null)
{
    /// <summary>The environment variable a token may come from (the console's `ui`, a silo's explorer).</summary>
    public const string TokenVariable = "HYPERSEARCH_EXPLORER_TOKEN";

    /// <summary>The environment variable that lists, comma-separated, the host names a token-protected explorer answers to.</summary>
    public const string HostsVariable = "HYPERSEARCH_EXPLORER_HOSTS";

    /// <summary>
    /// Host names (as browsers send them in <c>Host</c>, without the port) this explorer answers to
    /// besides loopback's: only with a token, since a name is what DNS rebinding points at the explorer.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The names in <paramref name="list"/> (comma-separated), e.g. from <see cref="HostsVariable"/>.</summary>
    public static IReadOnlyList<string> ParseHosts(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Null when these options may be used; else why not, in one line.</summary>
    public string? Problem() =>
        Port is < 0 or > 65535 ? $"port {Port} is not a TCP port"
        : Host != "localhost" && !IPAddress.TryParse(Host, out _) ? $"host '{Host}' is not an IP address (use 0.0.0.0 for every interface)"
        : !IsLoopback && string.IsNullOrEmpty(Token) ? $"binding {Host} beyond loopback needs a token: set {TokenVariable} (or ExplorerToken for a silo), which every request must then carry"
        : AllowedHosts.Count > 0 && string.IsNullOrEmpty(Token) ? $"answering to other host names ({string.Join(", ", AllowedHosts)}) needs a token: set {TokenVariable} (or ExplorerToken for a silo)"
        : null;
}
