using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace HyperSearch.Bench.Orchestration.Micro;

/// <summary>
/// Short runs in this process (no per-benchmark rebuild, which takes minutes on 2 loaded cores);
/// reports as GitHub markdown under bench/results/micro.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddLogger(ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub);
        ArtifactsPath = Path.Combine("bench", "results", "micro");
        Options |= ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary;
    }
}
