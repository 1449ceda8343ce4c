using System.Net;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// What a URL names is checked before the explorer keeps anything for it: made-up sweep ids leave no
/// feed behind, and ids or axes it cannot use are a 4xx answer, not a server error.
/// </summary>
public sealed class ExplorerBoundsTests
{
    [Fact]
    public async Task UnknownSweepIds_AreNotFound_AndKeepNoFeed()
    {
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;
        var real = await http.GetAsync(new Uri(site.Server.Address, "/sweeps/" + ExplorerSite.SweepId), ct);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 200; i++)
        {
            var path = (i % 4) switch
            {
                0 => $"/sweeps/made-up-{i}",
                1 => $"/api/sweeps/made-up-{i}/summary",
                2 => $"/api/sweeps/made-up-{i}/events",
                _ => $"/sweeps/made-up-{i}/body",
            };
            answers.Add((await http.GetAsync(new Uri(site.Server.Address, path), ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a));
        Assert.Equal(1, site.Server.FeedCount);
    }

    [Fact]
    public async Task AHugeIdOrAnUnknownAxis_IsAClientError()
    {
        await using var site = await ExplorerSite.StartAsync();
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;
        var huge = new string('s', 5_000);
        var sweep = "/sweeps/" + ExplorerSite.SweepId;

        var answers = new List<(string Path, HttpStatusCode Status)>();
        foreach (var path in new[]
        {
            "/sweeps/" + huge, "/sweeps/" + huge + "/body", "/api/sweeps/" + huge + "/summary", "/api/sweeps/" + huge + "/events",
            sweep + "/scatter?x=nope&y=lr", sweep + "/scatter?x=lr", sweep + "/scatter?x=lr&y=" + huge, sweep + "/trials/99999",
        })
        {
            answers.Add((path[..Math.Min(path.Length, 60)], (await http.GetAsync(new Uri(site.Server.Address, path), ct)).StatusCode));
        }

        var cancelHuge = await http.PostAsync(new Uri(site.Server.Address, "/api/sweeps/" + huge + "/cancel"), null, ct);
        var bodyWithUnknownAxes = await http.GetAsync(new Uri(site.Server.Address, sweep + "/body?x=nope&y=" + huge), ct);

        Assert.All(answers, a => Assert.True((int)a.Status is >= 400 and < 500, $"{a.Path}: {(int)a.Status}"));
        Assert.Equal(HttpStatusCode.BadRequest, answers[0].Status);
        Assert.Equal(HttpStatusCode.BadRequest, answers[4].Status);
        Assert.True((int)cancelHuge.StatusCode is >= 400 and < 500, $"cancel: {(int)cancelHuge.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, bodyWithUnknownAxes.StatusCode); // the default axes are drawn
        Assert.Equal(1, site.Server.FeedCount);
    }
}
