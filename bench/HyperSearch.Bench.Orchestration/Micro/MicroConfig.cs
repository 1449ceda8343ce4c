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
/// the summary as GitHub markdown in bench/results/micro.md.
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
        ArtifactsPath = Path.Combine(Path.GetTempPath(), "hypersearch-micro");
        Options |= ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary;
    }

    /// <summary>Keeps the run's markdown summary under one stable name (<paramref name="target"/>) and drops the rest.</summary>
    public static void KeepReport(string artifacts, string target)
    {
        var report = Directory.Exists(artifacts)
            ? Directory.GetFiles(artifacts, "*-report-github.md", SearchOption.AllDirectories).OrderBy(File.GetLastWriteTimeUtc).LastOrDefault()
            : null;
        if (report is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            File.Copy(report, target, overwrite: true);
            Console.WriteLine($"micro-benchmark summary: {Path.GetFullPath(target)}");
        }

        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
