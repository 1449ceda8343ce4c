using System.Collections.Concurrent;
using HyperSearch.Silo.Training;

namespace HyperSearch.Silo.Telemetry;

/// <summary>
/// This silo's trainer slots and what each is training, as the trainer grains last said. Read by
/// the gauges on another thread: slots total, slots busy, and samples per second.
/// </summary>
public sealed class SlotBoard
{
    private readonly ConcurrentDictionary<string, TrainingRun?> _slots = new();

    /// <summary>The slot is active and idle.</summary>
    public void Add(string slotId) => _slots[slotId] = null;

    /// <summary>The slot trains <paramref name="run"/>, or is idle again (null).</summary>
    public void SetRun(string slotId, TrainingRun? run) => _slots[slotId] = run;

    public void Remove(string slotId) => _slots.TryRemove(slotId, out _);

    public int Total => _slots.Count;

    public int Busy => _slots.Values.Count(IsTraining);

    /// <summary>The last epoch's rate of every busy slot, added up (0 until a first epoch ends).</summary>
    public double SamplesPerSecond => _slots.Values.Where(IsTraining).Sum(r => r!.SamplesPerSecond);

    private static bool IsTraining(TrainingRun? run) => run is not null;
}
