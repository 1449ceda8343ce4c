namespace HyperSearch.Search;

/// <summary>No early stopping: every trial trains for its full budget.</summary>
public sealed class NoScheduler : ISearchScheduler
{
    public static NoScheduler Instance { get; } = new();

    private NoScheduler()
    {
    }

    public SchedulerDecision OnReport(int trialNumber, int epoch, double objective) => SchedulerDecision.Continue;
}
