using HyperSearch.Sdk;

namespace HyperSearch.Bench.Trainer;

/// <summary>Keeps every epoch report (and shows it, when asked); never stops a run.</summary>
public sealed class EpochRecorder(Action<EpochResult>? onEpoch = null) : IEpochReporter
{
    public List<EpochResult> Reports { get; } = [];

    public TrialDirective Report(EpochResult epoch)
    {
        Reports.Add(epoch);
        onEpoch?.Invoke(epoch);
        return TrialDirective.Continue;
    }
}
