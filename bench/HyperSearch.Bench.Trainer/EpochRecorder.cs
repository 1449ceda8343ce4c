using HyperSearch.Trainer.Training;

namespace HyperSearch.Bench.Trainer;

/// <summary>Keeps every epoch report (and shows it, when asked); never stops a run.</summary>
public sealed class EpochRecorder(Action<EpochReport>? onEpoch = null) : ITrainingObserver
{
    public List<EpochReport> Reports { get; } = [];

    public EpochDirective OnEpoch(EpochReport report)
    {
        Reports.Add(report);
        onEpoch?.Invoke(report);
        return EpochDirective.Continue;
    }
}
