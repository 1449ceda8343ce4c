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
        recorder.Record("out", RecordingCallFilters.Name(context), Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.Result is null && context.MethodName == "Lease");
    }
}

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
        recorder.Record("in", RecordingCallFilters.Name(context), Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.Result is null && context.MethodName == "Lease");
    }
}

internal static class RecordingCallFilters
{
    public static bool IsOurs(Type? type) => type?.Namespace?.StartsWith("HyperSearch", StringComparison.Ordinal) == true;

    public static string Name(IGrainCallContext context) => $"{context.InterfaceMethod?.DeclaringType?.Name}.{context.MethodName}";
}
