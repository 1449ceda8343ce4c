namespace HyperSearch.Sweeps;

public enum SweepStatus
{
    /// <summary>The grain exists but no spec was given yet.</summary>
    Created,
    Running,

    /// <summary>Its process stopped (Ctrl-C, a crash of an embedded run): no leases until resumed.</summary>
    Paused,
    Completed,
    Cancelled,
}
