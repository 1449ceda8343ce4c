using System.Net;
using System.Text.RegularExpressions;
using HyperSearch.Explorer.Hosting;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// Other web sites must not drive the loopback explorer through a visitor's browser: foreign host
/// names (DNS rebinding), other origins and requests without the page's token are refused, and every
/// response forbids framing and foreign script.
/// </summary>
public sealed partial class ExplorerOriginTests
{
    [Fact]
    public async Task ForeignHostName_IsRefused_LoopbackNamesAnswer()
    {
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient();
        var port = site.Server.Address.Port;

        var rebound = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/", host: $"evil.example:{port}");
        var byAddress = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/", host: $"127.0.0.1:{port}");
        var byName = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/", host: $"localhost:{port}");

        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
    }

    [Fact]
    public async Task Cancel_FromAnotherOriginOrWithoutThePageToken_IsRefused_AndWithItWorks()
    {
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient();
        var origin = site.Server.Address.GetLeftPart(UriPartial.Authority);
        var page = await http.GetStringAsync(new Uri(site.Server.Address, "/sweeps/" + ExplorerSite.SweepId), TestContext.Current.CancellationToken);
        var token = CsrfMeta().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var cancel = "/api/sweeps/" + ExplorerSite.SweepId + "/cancel";

        var crossOrigin = await SendAsync(http, HttpMethod.Post, site.Server.Address, cancel, origin: "http://evil.example", csrf: token);
        var nullOrigin = await SendAsync(http, HttpMethod.Post, site.Server.Address, cancel, origin: "null", csrf: token);
        var crossSite = await SendAsync(http, HttpMethod.Post, site.Server.Address, cancel, csrf: token, fetchSite: "cross-site");
        var noToken = await SendAsync(http, HttpMethod.Post, site.Server.Address, cancel, origin: origin);
        var wrongToken = await SendAsync(http, HttpMethod.Post, site.Server.Address, cancel, origin: origin, csrf: token + "x");
        var stillRunning = (await site.Sweep.GetSnapshot()).Status;
        var sameOrigin = await SendAsync(http, HttpMethod.Post, site.Server.Address, cancel, origin: origin, csrf: token);

        Assert.All([crossOrigin, nullOrigin, crossSite, noToken, wrongToken], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(SweepStatus.Running, stillRunning);
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
        Assert.Equal(SweepStatus.Cancelled, (await site.Sweep.GetSnapshot()).Status);
    }

    [Fact]
    public async Task ALinkFromAnotherSite_Opens_ButItsScriptsRequestsAreRefused()
    {
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient();

        var followed = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/sweeps/" + ExplorerSite.SweepId, fetchSite: "cross-site", fetchMode: "navigate");
        var fetched = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/api/sweeps/" + ExplorerSite.SweepId + "/summary", fetchSite: "cross-site", fetchMode: "cors");
        var posted = await SendAsync(http, HttpMethod.Post, site.Server.Address, "/api/sweeps/" + ExplorerSite.SweepId + "/pause", fetchSite: "same-site", fetchMode: "navigate");

        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fetched.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(SweepStatus.Running, (await site.Sweep.GetSnapshot()).Status);
    }

    [Fact]
    public async Task EveryResponse_ForbidsFramingSniffingAndForeignScript()
    {
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient();

        foreach (var path in new[] { "/", "/sweeps/" + ExplorerSite.SweepId, "/sweeps/none-such", "/no/such/page" })
        {
            var response = await SendAsync(http, HttpMethod.Get, site.Server.Address, path);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Contains($"script-src 'sha256-{SecurityHeaders.ScriptHash}'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [Fact]
    public async Task TokenExplorer_AnswersOnlyItsListedHostNames()
    {
        var options = new ExplorerOptions(Port: 0, Token: "secret-token") { AllowedHosts = ["explorer.example"] };
        await using var site = await ExplorerSite.StartAsync(options);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }); // each request shows its own credentials
        var port = site.Server.Address.Port;

        var listed = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/?token=secret-token", host: $"explorer.example:{port}");
        var other = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/?token=secret-token", host: $"evil.example:{port}");
        var noToken = await SendAsync(http, HttpMethod.Get, site.Server.Address, "/", host: $"explorer.example:{port}");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, other.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Contains("needs a token", new ExplorerOptions { AllowedHosts = ["explorer.example"] }.Problem(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, Uri server, string path, string? host = null, string? origin = null, string? csrf = null, string? fetchSite = null, string? fetchMode = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(server, path));
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (csrf is not null)
        {
            request.Headers.Add(RequestGuard.CsrfHeader, csrf);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (fetchMode is not null)
        {
            request.Headers.Add("Sec-Fetch-Mode", fetchMode);
        }

        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("<meta name=\"hypersearch-csrf\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
