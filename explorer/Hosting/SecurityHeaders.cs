using System.Security.Cryptography;
using System.Text;
using HyperSearch.Explorer.Pages;
using Microsoft.AspNetCore.Http;

namespace HyperSearch.Explorer.Hosting;

/// <summary>
/// The headers every explorer response carries. The content-security policy lets only the page's own
/// script run (by its hash: it is inline, so a report stays one file), so markup that slipped into a
/// page could not run script through an attribute or a <c>script</c> element either.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The base64 SHA-256 of the inline script, as a policy names it.</summary>
    public static string ScriptHash { get; } = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Html.Asset("explorer.js"))));

    /// <summary>The served pages' policy: their own script, requests to this server only, never in a frame.</summary>
    public static string LivePolicy { get; } =
        $"default-src 'none'; script-src 'sha256-{ScriptHash}'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>A report's policy (a meta element: a file has no headers): its own script and nothing fetched at all.</summary>
    public static string ReportPolicy { get; } =
        $"default-src 'none'; script-src 'sha256-{ScriptHash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = LivePolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer"; // a link may carry ?token=
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
