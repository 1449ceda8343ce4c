using System.Diagnostics;

namespace HyperSearch.Bench.Orchestration;

/// <summary>Samples this process's resident memory, managed heap and thread count while a sweep runs; keeps the peaks.</summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private readonly TimeSpan _cpuAtStart;

    public ProcessSampler(TimeSpan period)
    {
        using (var process = Process.GetCurrentProcess())
        {
            _cpuAtStart = process.TotalProcessorTime;
        }

        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(period);
            try
            {
                do
                {
                    Sample();
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public long PeakResidentBytes { get; private set; }

    public long PeakManagedBytes { get; private set; }

    public int PeakThreads { get; private set; }

    /// <summary>Processor time this process used since the sampler started (all silos, trainers and the benchmark itself).</summary>
    public TimeSpan CpuTime { get; private set; }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        Sample();
        _stop.Dispose();
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        PeakResidentBytes = Math.Max(PeakResidentBytes, process.WorkingSet64);
        PeakManagedBytes = Math.Max(PeakManagedBytes, GC.GetTotalMemory(false));
        PeakThreads = Math.Max(PeakThreads, process.Threads.Count);
        CpuTime = process.TotalProcessorTime - _cpuAtStart;
    }
}
