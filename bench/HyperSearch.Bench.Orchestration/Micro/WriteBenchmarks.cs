using BenchmarkDotNet.Attributes;
using HyperSearch.Silo.Storage;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Orleans.Storage;

namespace HyperSearch.Bench.Orchestration.Micro;

/// <summary>
/// What the sweep grain does once per write besides the I/O, with a large trial table (that many
/// finished trials and 16 running): find the pages that changed (<see cref="SweepStore"/>, storage
/// a no-op here) and show the telemetry the new state.
/// </summary>
public class WriteBenchmarks
{
    private SweepState _state = null!;
    private SweepStore _store = null!;
    private SweepTelemetry _telemetry = null!;
    private const int Running = 16;

    private int _next;

    [Params(1_000, 20_000)]
    public int Recorded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var book = new SweepBook(SweepBook.NewState("micro", BenchSpecs.Random("micro", 10_000_000, 1), now), SweepPolicy.Default);
        for (var i = 0; i < Recorded; i++)
        {
            var lease = book.Lease("slot/0", now)!;
            book.Report(lease.Key, new EpochMetrics(1, new() { ["train_loss"] = 0.5, ["val_loss"] = 0.5, ["val_accuracy"] = 0.8 }, 0, 0), now);
            book.Finish(lease.Key, new TrialFinish(TrialOutcome.Completed, null, 2.3, null, Retryable: true), now);
        }

        for (var i = 0; i < Running; i++)
        {
            book.Lease($"slot/{i}", now);
        }

        _state = book.State;
        _store = new SweepStore(new NoStorage(), GrainId.Create("sweep", "micro"));
        _store.WriteAsync(_state).GetAwaiter().GetResult();
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        _telemetry = new SweepTelemetry(new HyperSearchInstruments(meters));
        _telemetry.Attach(_state);
    }

    /// <summary>One running trial changed since the last write: one page and the header are stored.</summary>
    [Benchmark(Description = "store: write after one change")]
    public Task StoreWrite()
    {
        Touch();
        return _store.WriteAsync(_state);
    }

    [Benchmark(Description = "telemetry: observe after one change")]
    public void TelemetryObserve()
    {
        Touch();
        _telemetry.Observe(_state);
    }

    private void Touch()
    {
        var index = Recorded + (_next++ % Running);
        _state.Trials[index] = _state.Trials[index] with { Message = "touched" };
        _state.Revision++;
    }

    private sealed class NoStorage : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
