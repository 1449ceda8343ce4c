namespace HyperSearch.Sweeps;

public enum SweepStatus
{
    /// <summary>The grain exists but no spec was given yet.</summary>
    Created,
    Running,
    Completed,
    Cancelled,
}
