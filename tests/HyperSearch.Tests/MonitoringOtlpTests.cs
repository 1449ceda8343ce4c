using System.Collections.Concurrent;
using System.Net;
using System.Text;
using HyperSearch.Contracts;

namespace HyperSearch.Tests;

/// <summary>With an OTLP endpoint configured, a silo sends its trial and epoch spans and its metrics there.</summary>
public sealed class MonitoringOtlpTests
{
    [Fact]
    public async Task OtlpEndpoint_ReceivesTrialAndEpochSpansAndMetrics()
    {
        using var temp = new TempDirectory();
        using var collector = new FakeOtlpCollector();
        var silo = await TestSilo.StartAsync("otlp-silo", slots: 1, temp.Path, configure: s =>
        {
            s.OtlpEndpoint = collector.Endpoint;
            s.OtlpProtocol = "http/protobuf";
        });
        try
        {
            var sweep = silo.Grains.GetGrain<ISweepGrain>("otlp-sweep");
            await sweep.Start(Specs.Small(trials: 1, epochs: 2));
            await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(3));

            // Spans leave in batches (every 5 s by default): wait for the trial's.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!collector.Received("/v1/traces", "hypersearch.sweep.id", "otlp-sweep", "epoch", "trial", "hypersearch.val_accuracy", "hypersearch-silo"))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no trial and epoch spans within 60 s; paths received: {string.Join(", ", collector.Paths)}");
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            // Stopping the silo flushes its metrics.
            await silo.DisposeAsync();
        }

        Assert.True(
            collector.Received("/v1/metrics", "hypersearch.trials.ended", "hypersearch.epochs.trained", "completed", "orleans", "dotnet.gc", "otlp-silo"),
            $"metrics not exported; paths received: {string.Join(", ", collector.Paths)}");
    }

    /// <summary>
    /// An OTLP/HTTP receiver that keeps what it is sent. It does not decode protobuf: span names,
    /// attribute keys, metric names and string values travel as plain UTF-8 in the message.
    /// </summary>
    private sealed class FakeOtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

        public FakeOtlpCollector()
        {
            var port = TestSilo.FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public IEnumerable<string> Paths => _requests.Select(r => r.Path).Distinct();

        public bool Received(string path, params string[] texts) =>
            texts.All(text => _requests.Any(r => r.Path == path && r.Body.Contains(text, StringComparison.Ordinal)));

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _requests.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }
    }
}
