using BenchmarkDotNet.Attributes;

namespace HyperSearch.Bench.Orchestration.Micro;

/// <summary>
/// What a trial's dedicated training thread costs to start (TrainingRun starts one per trial), against
/// handing the same work to a thread that already waits for it.
/// </summary>
public class ThreadBenchmarks
{
    private readonly AutoResetEvent _work = new(false);
    private readonly AutoResetEvent _done = new(false);
    private Thread _worker = null!;
    private volatile bool _stop;

    [GlobalSetup]
    public void Setup()
    {
        _worker = new Thread(() =>
        {
            while (true)
            {
                _work.WaitOne();
                if (_stop)
                {
                    return;
                }

                _done.Set();
            }
        }) { IsBackground = true };
        _worker.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _work.Set();
        _worker.Join();
    }

    [Benchmark(Description = "thread: start a new one and join it")]
    public void NewThread()
    {
        var thread = new Thread(static () => { }) { IsBackground = true };
        thread.Start();
        thread.Join();
    }

    [Benchmark(Description = "thread: hand work to a waiting one")]
    public void WaitingThread()
    {
        _work.Set();
        _done.WaitOne();
    }
}
