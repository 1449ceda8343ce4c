using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// Random requests at a live explorer over a running sweep, bounded in time and number: random methods,
/// paths built from its own routes and hostile pieces, query strings, headers, bodies, and raw
/// malformed request lines. No answer may be a server error (5xx), none may hang, and the explorer
/// must serve its pages afterwards. The seed is in the failure message, to replay one run.
/// </summary>
public sealed class ExplorerHttpFuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Enough to cover the routes many times over; fewer leave the cores to the tests running beside it.</summary>
    private const int MaxRequests = 2_000;

    private static readonly string[] Methods = ["GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "BREW"];

    private static readonly string[] Segments =
    [
        "sweeps", "sweeps", "api", "body", "events", "summary", "scatter", "trials", "cancel", "pause", "resume", "0", "1", "-1",
        "99999999999", "2147483648", ExplorerSite.SweepId, ExplorerSite.SweepId, "no-such-sweep", "..", ".", "%2e%2e", "%2F", "%00", "%ff",
        "%", "ünïcödé", "<script>", "'\"", "a b", new string('s', 5_000), new string('x', 161), "favicon.ico", "robots.txt", "~", "$", "{id}",
    ];

    private static readonly string[] QueryNames = ["x", "y", "token", "x", "y", "", "x[]", "%00"];

    private static readonly string[] QueryValues = ["lr", "weight_decay", "dropout", "val_accuracy", "", "nope", "%", "%zz", "'\"<>", new string('q', 3_000), "1e309", "-0"];

    [Fact]
    public async Task RandomRequests_NeverGetAServerError_AndTheExplorerStillServes()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var failures = new List<string>();
        var requests = 0;
        var clock = Stopwatch.StartNew();

        while (clock.Elapsed < Budget && requests < MaxRequests && failures.Count < 5)
        {
            requests++;
            var (method, path) = (Pick(random, Methods), RandomPath(random));
            var raw = random.Next(10) == 0;
            var status = raw ? await RawAsync(site.Server.Address, random, path) : await SendAsync(http, site.Server.Address, random, method, path);
            if (raw && status == 505)
            {
                continue; // "HTTP Version Not Supported": the right answer to a raw HTTP/9.9 request line
            }

            if (status is null or >= 500)
            {
                failures.Add($"{(raw ? "raw" : method)} {path[..Math.Min(path.Length, 120)]}: {(status is null ? "no answer in time" : status.ToString())}");
            }
        }

        var home = await http.GetAsync(site.Server.Address, TestContext.Current.CancellationToken);
        var sweepPage = await http.GetAsync(new Uri(site.Server.Address, "/sweeps/" + ExplorerSite.SweepId), TestContext.Current.CancellationToken);

        Assert.True(failures.Count == 0, $"seed {seed}, {requests} requests: {string.Join("; ", failures)}");
        Assert.True(requests > 50, $"only {requests} requests in {Budget}");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sweepPage.StatusCode);
        Assert.True(site.Server.FeedCount <= 1, $"{site.Server.FeedCount} feeds kept for one sweep");
    }

    private static string RandomPath(Random random)
    {
        var path = new StringBuilder();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            path.Append('/').Append(Pick(random, Segments));
        }

        if (path.Length == 0 || random.Next(8) == 0)
        {
            path.Append('/');
        }

        if (random.Next(3) == 0)
        {
            path.Append('?');
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                path.Append(Pick(random, QueryNames)).Append('=').Append(Uri.EscapeDataString(Pick(random, QueryValues))).Append('&');
            }
        }

        return path.ToString();
    }

    private static async Task<int?> SendAsync(HttpClient http, Uri server, Random random, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), server.GetLeftPart(UriPartial.Authority) + path);
        var port = server.Port;
        switch (random.Next(8))
        {
            case 0: request.Headers.Host = $"evil.example:{port}"; break;
            case 1: request.Headers.Host = $"localhost:{port}"; break;
            case 2: request.Headers.TryAddWithoutValidation("Origin", Pick(random, ["null", "http://evil.example", server.GetLeftPart(UriPartial.Authority), "garbage", ""])); break;
            case 3: request.Headers.TryAddWithoutValidation("X-HyperSearch-Csrf", Pick(random, ["", "x", new string('t', 4_000), "ünï"])); break;
            case 4: request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", Pick(random, ["cross-site", "same-origin", "none", "?"])); break;
            case 5: request.Headers.TryAddWithoutValidation("Cookie", "hypersearch_token=" + new string('c', 100)); break;
            case 6: request.Headers.TryAddWithoutValidation("Authorization", "Bearer nope"); break;
        }

        if (method is "POST" or "PUT" or "PATCH" && random.Next(2) == 0)
        {
            request.Content = new StringContent(Pick(random, ["{}", "[", "\0\0", new string('b', 100_000)]), Encoding.UTF8, Pick(random, ["application/json", "text/plain", "application/x-www-form-urlencoded"]));
        }

        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return 400; // the client refused to send it (an invalid header value): nothing reached the server
        }
    }

    /// <summary>A request line and headers written by hand, so malformed ones reach the server as they are.</summary>
    private static async Task<int?> RawAsync(Uri server, Random random, string path)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, server.Port, timeout.Token);
            var stream = client.GetStream();
            var line = Pick(random, ["GET " + path + " HTTP/1.1", "GET " + path.Replace('%', '\u00e9') + " HTTP/1.1", "POST /api/sweeps/%/cancel HTTP/1.1", "GET /\u0001 HTTP/1.1", "GET http://evil.example/ HTTP/1.1", "GET / HTTP/9.9", "\u0000\u00ff"]);
            var request = $"{line}\r\nHost: {Pick(random, ["127.0.0.1", "", "[::1]", "a b", "127.0.0.1:" + server.Port])}\r\nContent-Length: 0\r\n\r\n";
            await stream.WriteAsync(Encoding.Latin1.GetBytes(request), timeout.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            var status = Encoding.Latin1.GetString(buffer, 0, read).Split(' ');
            return read == 0 ? 400 : int.TryParse(status.ElementAtOrDefault(1), out var code) ? code : 400; // a closed connection is a refusal
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException)
        {
            return 400; // reset: the server refused the bytes
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
