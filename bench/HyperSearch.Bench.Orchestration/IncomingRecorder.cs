using System.Diagnostics;

namespace HyperSearch.Bench.Orchestration;

/// <summary>Times HyperSearch grain calls inside the grain (its turn and the writes it waits for).</summary>
public sealed class IncomingRecorder(CallRecorder recorder) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!RecordingCallFilters.IsOurs(context.InterfaceMethod?.DeclaringType))
        {
            await context.Invoke();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await context.Invoke();
        recorder.Record("in", RecordingCallFilters.Name(context), Stopwatch.GetElapsedTime(started).TotalMilliseconds, RecordingCallFilters.LeasedNothing(context));
    }
}
