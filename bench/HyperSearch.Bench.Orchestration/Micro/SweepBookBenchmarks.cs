using BenchmarkDotNet.Attributes;
using HyperSearch.Sweeps;

namespace HyperSearch.Bench.Orchestration.Micro;

/// <summary>
/// The sweep's bookkeeping for one trial (lease, one epoch report, finish) with many trials already
/// recorded: the pure part of every trial's path through the sweep grain.
/// </summary>
public class SweepBookBenchmarks
{
    private static readonly TrialFinish Done = new(TrialOutcome.Completed, null, 2.3, null, Retryable: true);

    private SweepBook _book = null!;
    private DateTime _now;

    [Params(1_000, 20_000)]
    public int Recorded { get; set; }

    [IterationSetup]
    public void Setup()
    {
        _now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _book = new SweepBook(SweepBook.NewState("micro", BenchSpecs.Random("micro", 10_000_000, 1), _now), SweepPolicy.Default);
        for (var i = 0; i < Recorded; i++)
        {
            Cycle();
        }
    }

    [Benchmark(Description = "sweep book: lease + report + finish")]
    [InvocationCount(200)]
    public bool Cycle()
    {
        _now = _now.AddMilliseconds(1);
        var lease = _book.Lease("slot/0", _now)!;
        _book.Report(lease.Key, new EpochMetrics(1, new() { ["train_loss"] = 0.5, ["val_loss"] = 0.5, ["val_accuracy"] = 0.8 }, 0, 0), _now);
        return _book.Finish(lease.Key, Done, _now);
    }
}
