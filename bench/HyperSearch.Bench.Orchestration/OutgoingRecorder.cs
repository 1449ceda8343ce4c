using System.Diagnostics;

namespace HyperSearch.Bench.Orchestration;

/// <summary>Times HyperSearch grain calls as their callers see them.</summary>
public sealed class OutgoingRecorder(CallRecorder recorder) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!RecordingCallFilters.IsOurs(context.InterfaceMethod?.DeclaringType))
        {
            await context.Invoke();
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await context.Invoke();
        recorder.Record("out", RecordingCallFilters.Name(context), Stopwatch.GetElapsedTime(started).TotalMilliseconds, RecordingCallFilters.LeasedNothing(context));
    }
}
