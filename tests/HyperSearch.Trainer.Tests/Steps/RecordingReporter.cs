using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Tests.Steps;

/// <summary>Keeps every epoch a trainer reports; <see cref="OnReport"/> may stop the trial or cancel its token.</summary>
internal sealed class RecordingReporter(Func<EpochResult, TrialDirective>? onReport = null) : IEpochReporter
{
    public List<EpochResult> Reports { get; } = [];

    public TrialDirective Report(EpochResult epoch)
    {
        Reports.Add(epoch);
        return onReport?.Invoke(epoch) ?? TrialDirective.Continue;
    }
}
