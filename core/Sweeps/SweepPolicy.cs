namespace HyperSearch.Sweeps;

/// <summary>How leases and retries behave; set by the silo's configuration, not by the spec.</summary>
/// <param name="LeaseDuration">A running trial whose slot has not heartbeated for this long goes back to the queue.</param>
/// <param name="MaxAttempts">Attempts a trial gets before it ends as failed.</param>
public sealed record class SweepPolicy(TimeSpan LeaseDuration, int MaxAttempts)
{
    public static SweepPolicy Default { get; } = new(TimeSpan.FromSeconds(30), 3);
}
