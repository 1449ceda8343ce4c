namespace HyperSearch.Sweeps;

/// <summary>
/// Why a running trial went back to the queue (attempt + 1). Recorded on the trial so that
/// telemetry counts re-queues by cause without reading <see cref="TrialRecord.Message"/>, which is
/// for people.
/// </summary>
public enum RequeueReason
{
    /// <summary>Its slot stopped heartbeating and the lease ran out.</summary>
    LeaseExpired,

    /// <summary>The sweep was paused (its process went away) and resumed: the trainer was lost with it.</summary>
    Interrupted,

    /// <summary>The trainer stopped without being asked (its silo shutting down).</summary>
    Stopped,

    /// <summary>The attempt failed with an error worth another try.</summary>
    Failed,
}
