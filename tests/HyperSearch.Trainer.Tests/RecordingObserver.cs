using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Tests;

/// <summary>Keeps every epoch report and answers Stop once <c>stopAfter</c> epochs are reported.</summary>
internal sealed class RecordingObserver(int stopAfter = int.MaxValue, Action<EpochReport>? onEpoch = null) : ITrainingObserver
{
    public List<EpochReport> Reports { get; } = [];

    public EpochDirective OnEpoch(EpochReport report)
    {
        Reports.Add(report);
        onEpoch?.Invoke(report);
        return Reports.Count >= stopAfter ? EpochDirective.Stop : EpochDirective.Continue;
    }
}
