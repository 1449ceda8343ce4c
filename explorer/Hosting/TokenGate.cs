using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HyperSearch.Explorer.Hosting;

/// <summary>
/// Refuses every request without the token (401) when the explorer listens beyond loopback. The token
/// comes as <c>Authorization: Bearer …</c>, or once as <c>?token=…</c> in a link, after which a cookie
/// carries it for the page's own requests (its script and event stream cannot set headers).
/// </summary>
public sealed class TokenGate(string token)
{
    private const string Cookie = "hypersearch_token";
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var query = context.Request.Query["token"].ToString();
        if (Matches(query))
        {
            context.Response.Cookies.Append(Cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : context.Request.Cookies[Cookie];
        if (!Matches(presented))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("this explorer needs its token: open it with ?token=... or send Authorization: Bearer ...\n");
            return;
        }

        await next(context);
    }

    private bool Matches(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
}
