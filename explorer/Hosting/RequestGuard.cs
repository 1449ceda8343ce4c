using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HyperSearch.Explorer.Hosting;

/// <summary>
/// Keeps other web sites out of the explorer. A page elsewhere can make the browser send requests
/// here (a form post, or a name of its own that DNS rebinding points at 127.0.0.1), so each request
/// must name this server in <c>Host</c> (loopback names, unless a token and allowed names are
/// configured), must not come from another origin, and a call that changes something must carry the
/// token embedded in this process's pages, which another site cannot read.
/// </summary>
public sealed class RequestGuard(ExplorerOptions options)
{
    /// <summary>The header a state-changing request carries the page's token in.</summary>
    public const string CsrfHeader = "X-HyperSearch-Csrf";

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]", "::1"];

    /// <summary>One token per process, new at every start; pages carry it, scripts send it back.</summary>
    public string CsrfToken { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        SecurityHeaders.Apply(context.Response.Headers);
        if (Refusal(context.Request) is { } refusal)
        {
            context.Response.StatusCode = refusal.Status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(refusal.Text + "\n");
            return;
        }

        await next(context);
    }

    private (int Status, string Text)? Refusal(HttpRequest request)
    {
        if (!HostAllowed(request.Host))
        {
            return (StatusCodes.Status421MisdirectedRequest, "this explorer does not answer to that host name");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !SameOrigin(origin, request))
        {
            return (StatusCodes.Status403Forbidden, "requests from other origins are refused");
        }

        // A link followed from another site is a navigation and may come in (it changes nothing, and
        // the page cannot be framed); anything else another site's page makes the browser send may not.
        var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site" && !(reading && request.Headers["Sec-Fetch-Mode"] == "navigate"))
        {
            return (StatusCodes.Status403Forbidden, "requests from other sites are refused");
        }

        if (!reading && !CsrfMatches(request.Headers[CsrfHeader].ToString()))
        {
            return (StatusCodes.Status403Forbidden, $"a change needs the page's token in {CsrfHeader}");
        }

        return null;
    }

    private bool HostAllowed(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        if (LoopbackNames.Contains(name, StringComparer.OrdinalIgnoreCase) || options.AllowedHosts.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.IsNullOrEmpty(options.Token))
        {
            return false; // loopback without a token: loopback names only
        }

        // An address typed as such cannot be rebound; with a token, the addresses it listens on answer.
        var bare = name.Trim('[', ']');
        return IPAddress.TryParse(bare, out var address)
            && (options.Host is "0.0.0.0" or "::" || address.Equals(IPAddress.Parse(options.Host)));
    }

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme == request.Scheme
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private bool CsrfMatches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(CsrfToken));
}
