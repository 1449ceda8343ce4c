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
        var app = builder.Build();
        if (!options.IsLoopback)
        {
            var gate = new TokenGate(options.Token!);
            app.Use(gate.InvokeAsync);
        }

        Map(app);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ExplorerServer(app, new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal)));
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/", async (SweepFeeds feeds, CancellationToken ct) =>
            Results.Content(Html.Page("Sweeps - HyperSearch", await SweepsPage.BodyAsync(feeds, ct), "live"), "text/html; charset=utf-8"));
        app.MapGet("/body", async (SweepFeeds feeds, CancellationToken ct) => Results.Content(await SweepsPage.BodyAsync(feeds, ct), "text/html; charset=utf-8"));

        app.MapGet("/sweeps/{id}", async (string id, string? x, string? y, SweepFeeds feeds, CancellationToken ct) =>
            await WithSweep(feeds, id, ct, data => Html.Page($"{data.Summary.Name} - HyperSearch", Body(feeds, data, x, y), "live", id)));
        app.MapGet("/sweeps/{id}/body", async (string id, string? x, string? y, SweepFeeds feeds, CancellationToken ct) =>
            await WithSweep(feeds, id, ct, data => Body(feeds, data, x, y)));
        app.MapGet("/sweeps/{id}/scatter", async (string id, string x, string y, SweepFeeds feeds, CancellationToken ct) =>
            await WithSweep(feeds, id, ct, data => SweepBody.Pair(new TrialValues(data.Overview.Spec!, data.Trials), x, y)));
        app.MapGet("/sweeps/{id}/trials/{number:int}", async (string id, int number, SweepFeeds feeds, CancellationToken ct) =>
            await WithTrial(feeds, id, number, ct, (data, trial) => Html.Page($"{trial.TrialId} - {data.Summary.Name}", TrialBody.Render(data, trial), "live", id, number.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        app.MapGet("/sweeps/{id}/trials/{number:int}/body", async (string id, int number, SweepFeeds feeds, CancellationToken ct) =>
            await WithTrial(feeds, id, number, ct, TrialBody.Render));

        app.MapGet("/api/sweeps/{id}/summary", async (string id, SweepFeeds feeds, CancellationToken ct) =>
            Results.Json((await feeds.For(id).GetAsync(ct)).Summary));
        app.MapGet("/api/sweeps/{id}/events", ServerSentEventsAsync);
        app.MapPost("/api/sweeps/{id}/{action}", async (string id, string action, SweepFeeds feeds) =>
        {
            var sweep = feeds.Grains.GetGrain<ISweepGrain>(id);
            Func<Task<SweepSnapshot>>? call = action switch
            {
                "cancel" => sweep.Cancel,
                "pause" => sweep.Pause,
                "resume" => sweep.Resume,
                _ => null,
            };
            if (call is null)
            {
                return Results.NotFound($"no action '{action}' (cancel, pause, resume)");
            }

            var status = (await call()).Status.ToWireName();
            feeds.For(id).Nudge();
            return Results.Json(new { status });
        });
    }

    /// <summary>One event per change of the sweep (its version), and a comment every 15 s so proxies keep the stream open.</summary>
    private static async Task ServerSentEventsAsync(string id, SweepFeeds feeds, HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var feed = feeds.For(id);
        var ct = context.RequestAborted;
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

    private static string Body(SweepFeeds feeds, SweepData data, string? x, string? y) =>
        feeds.For(data.Summary.SweepId).Rendered(data, $"body|{x}|{y}", d => SweepBody.Render(d, x, y, report: false));

    private static async Task<IResult> WithSweep(SweepFeeds feeds, string id, CancellationToken ct, Func<SweepData, string> render)
    {
        var data = await feeds.For(id).GetAsync(ct);
        return data.Overview.Spec is null
            ? Results.NotFound($"no sweep '{id}'")
            : Results.Content(render(data), "text/html; charset=utf-8");
    }

    private static Task<IResult> WithTrial(SweepFeeds feeds, string id, int number, CancellationToken ct, Func<SweepData, TrialRecord, string> render) =>
        WithSweep(feeds, id, ct, data => number >= 0 && number < data.Trials.Count ? render(data, data.Trials[number]) : $"<p>No trial {number} in this sweep.</p>");

    public async ValueTask DisposeAsync()
    {
        _app.Services.GetRequiredService<SweepFeeds>().Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
