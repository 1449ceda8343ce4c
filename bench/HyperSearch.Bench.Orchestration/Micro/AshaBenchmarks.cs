using BenchmarkDotNet.Attributes;
using HyperSearch.Search;

namespace HyperSearch.Bench.Orchestration.Micro;

/// <summary>ASHA's decision at a rung that already holds many results (100,000 in the figure).</summary>
public class AshaBenchmarks
{
    private AshaScheduler _asha = null!;
    private Random _random = null!;

    [Params(1_000, 100_000)]
    public int Recorded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _asha = new AshaScheduler(graceEpochs: 1, reductionFactor: 3, maxEpochs: 27);
        _random = new Random(1);
        for (var trial = 0; trial < Recorded; trial++)
        {
            _asha.OnReport(trial, 1, _random.NextDouble());
        }
    }

    /// <summary>One more trial reaches rung 1 (the same trial number each time, so the rung keeps its size).</summary>
    [Benchmark(Description = "asha: rung decision")]
    public SchedulerDecision RungDecision() => _asha.OnReport(Recorded, 1, _random.NextDouble());

    /// <summary>An epoch between rungs: no decision to make.</summary>
    [Benchmark(Description = "asha: epoch between rungs")]
    public SchedulerDecision BetweenRungs() => _asha.OnReport(Recorded, 2, _random.NextDouble());
}
