using System.Diagnostics;
using Orleans.Storage;

namespace HyperSearch.Bench.Orchestration;

/// <summary>Wraps the silo's grain storage and counts reads and writes by state name, with the time they took.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner, CallRecorder recorder) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.ReadStateAsync(stateName, grainId, grainState);
        recorder.Record("storage", $"read {stateName}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, false);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.WriteStateAsync(stateName, grainId, grainState);
        recorder.Record("storage", $"write {stateName}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, false);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Redis storage connects in the silo lifecycle: pass it on.</summary>
    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
