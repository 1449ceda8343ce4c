using System.Net;
using HyperSearch.Contracts;
using HyperSearch.Explorer.Charts;
using HyperSearch.Explorer.Data;
using HyperSearch.Explorer.Pages;
using HyperSearch.Sweeps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Explorer.Hosting;

/// <summary>
/// The explorer's web server over a cluster's grains (a client's, or a silo's own). Pages are
/// rendered here; a sweep's page follows the sweep through server-sent events and reloads only its body.
/// </summary>
public sealed class ExplorerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExplorerServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where it listens (the actual port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>How many sweeps' feeds it keeps: only those of sweeps that exist, whatever ids were asked for.</summary>
    public int FeedCount => _app.Services.GetRequiredService<SweepFeeds>().Count;

    public static async Task<ExplorerServer> StartAsync(IGrainFactory grains, ExplorerOptions options, CancellationToken cancellationToken)
    {
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("HYPERSEARCH_DEBUG") is not null)
        {
            builder.Logging.AddSimpleConsole(); // the stack trace of a failed request, as the console's HYPERSEARCH_DEBUG gives its own
        }

        builder.WebHost.UseKestrel(k => k.Listen(options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host), options.Port));
        builder.Services.AddSingleton(new SweepFeeds(grains));
        var guard = new RequestGuard(options);
        builder.Services.AddSingleton(guard);
        var app = builder.Build();
        app.Use(guard.InvokeAsync);
        if (!options.IsLoopback || !string.IsNullOrEmpty(options.Token))
        {
            var gate = new TokenGate(options.Token!);
            app.Use(gate.InvokeAsync);
        }

        Map(app, guard.CsrfToken);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ExplorerServer(app, new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal)));
    }

    private static void Map(WebApplication app, string csrf)
    {
        var head = $"<meta name=\"hypersearch-csrf\" content=\"{Html.E(csrf)}\">";
        app.MapGet("/", async (SweepFeeds feeds, CancellationToken ct) =>
            Results.Content(Html.Page("Sweeps - HyperSearch", await SweepsPage.BodyAsync(feeds, ct), "live", head: head), "text/html; charset=utf-8"));
        app.MapGet("/body", async (SweepFeeds feeds, CancellationToken ct) => Results.Content(await SweepsPage.BodyAsync(feeds, ct), "text/html; charset=utf-8"));

        app.MapGet("/sweeps/{id}", (string id, string? x, string? y, SweepFeeds feeds, CancellationToken ct) =>
            WithSweep(feeds, id, ct, (feed, data) => Html.Page($"{data.Summary.Name} - HyperSearch", Body(feed, data, x, y), "live", id, head: head)));
        app.MapGet("/sweeps/{id}/body", (string id, string? x, string? y, SweepFeeds feeds, CancellationToken ct) =>
            WithSweep(feeds, id, ct, (feed, data) => Body(feed, data, x, y)));
        app.MapGet("/sweeps/{id}/scatter", (string id, string? x, string? y, SweepFeeds feeds, CancellationToken ct) =>
            WithSweep(feeds, id, ct, (_, data) =>
            {
                var values = new TrialValues(data.Overview.Spec!, data.Trials);
                return IsAxis(values, x) && IsAxis(values, y)
                    ? Results.Content(SweepBody.Pair(values, x!, y!), "text/html; charset=utf-8")
                    : Results.BadRequest("x and y must each name a parameter of the sweep's space or its objective");
            }));
        app.MapGet("/sweeps/{id}/trials/{number:int}", (string id, int number, SweepFeeds feeds, CancellationToken ct) =>
            WithTrial(feeds, id, number, ct, (data, trial) => Html.Page($"{trial.TrialId} - {data.Summary.Name}", TrialBody.Render(data, trial), "live", id, number.ToString(System.Globalization.CultureInfo.InvariantCulture), head)));
        app.MapGet("/sweeps/{id}/trials/{number:int}/body", (string id, int number, SweepFeeds feeds, CancellationToken ct) =>
            WithTrial(feeds, id, number, ct, TrialBody.Render));

        app.MapGet("/api/sweeps/{id}/summary", (string id, SweepFeeds feeds, CancellationToken ct) =>
            WithSweep(feeds, id, ct, (_, data) => Results.Json(data.Summary)));
        app.MapGet("/api/sweeps/{id}/events", ServerSentEventsAsync);
        app.MapPost("/api/sweeps/{id}/{action}", async (string id, string action, SweepFeeds feeds, CancellationToken ct) =>
        {
            if (action is not ("cancel" or "pause" or "resume"))
            {
                return Results.NotFound($"no action '{Cut(action)}' (cancel, pause, resume)");
            }

            if (await feeds.FindAsync(id, ct) is not { } found)
            {
                return NoSweep(id);
            }

            var sweep = feeds.Grains.GetGrain<ISweepGrain>(id);
            var snapshot = action switch
            {
                "cancel" => await sweep.Cancel(),
                "pause" => await sweep.Pause(),
                _ => await sweep.Resume(),
            };
            found.Feed.Nudge();
            return Results.Json(new { status = snapshot.Status.ToWireName() });
        });
    }

    /// <summary>One event per change of the sweep (its version), and a comment every 15 s so proxies keep the stream open.</summary>
    private static async Task ServerSentEventsAsync(string id, SweepFeeds feeds, HttpContext context)
    {
        var ct = context.RequestAborted;
        SweepFeed feed;
        try
        {
            if (await feeds.FindAsync(id, ct) is not { } found)
            {
                await NoSweep(id).ExecuteAsync(context);
                return;
            }

            feed = found.Feed;
        }
        catch (OperationCanceledException)
        {
            return; // the browser left
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var sent = -1L;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var data = await feed.GetAsync(ct);
                if (data.Summary.Version != sent)
                {
                    sent = data.Summary.Version;
                    await context.Response.WriteAsync($"data: {sent}\n\n", ct);
                }
                else
                {
                    await context.Response.WriteAsync(": waiting\n\n", ct);
                }

                await context.Response.Body.FlushAsync(ct);
                await feed.WaitForChangeAsync(ct).WaitAsync(TimeSpan.FromSeconds(15), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
            // the browser left
        }
    }

    /// <summary>The body at this version; only a valid pair of axes gets a rendering of its own (made-up ones share the default's).</summary>
    private static string Body(SweepFeed feed, SweepData data, string? x, string? y)
    {
        var values = new TrialValues(data.Overview.Spec!, data.Trials);
        (x, y) = IsAxis(values, x) && IsAxis(values, y) ? (x, y) : (null, null);
        return feed.Rendered(data, $"body|{x}|{y}", d => SweepBody.Render(d, x, y, report: false));
    }

    private static bool IsAxis(TrialValues values, string? name) =>
        name is not null && (name == values.Objective || values.Varying.Contains(name));

    private static IResult NoSweep(string id) =>
        SweepIdRule.IsValid(id) ? Results.NotFound($"no sweep '{id}'") : Results.BadRequest($"'{Cut(id)}' is not a sweep id");

    private static string Cut(string text) => text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "...") : text;

    private static async Task<IResult> WithSweep(SweepFeeds feeds, string id, CancellationToken ct, Func<SweepFeed, SweepData, IResult> respond) =>
        await feeds.FindAsync(id, ct) is { } found ? respond(found.Feed, found.Data) : NoSweep(id);

    private static Task<IResult> WithSweep(SweepFeeds feeds, string id, CancellationToken ct, Func<SweepFeed, SweepData, string> render) =>
        WithSweep(feeds, id, ct, (feed, data) => Results.Content(render(feed, data), "text/html; charset=utf-8"));

    private static Task<IResult> WithTrial(SweepFeeds feeds, string id, int number, CancellationToken ct, Func<SweepData, TrialRecord, string> render) =>
        WithSweep(feeds, id, ct, (_, data) => number >= 0 && number < data.Trials.Count
            ? Results.Content(render(data, data.Trials[number]), "text/html; charset=utf-8")
            : Results.NotFound($"no trial {number} in this sweep"));

    public async ValueTask DisposeAsync()
    {
        _app.Services.GetRequiredService<SweepFeeds>().Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
