namespace HyperSearch.Silo.Hosting;

/// <summary>How one silo runs: its identity, ports, trainer slots and where it keeps state.</summary>
public sealed class SiloSettings
{
    /// <summary>Unique per silo; trainer slot keys start with it so a slot stays on its silo.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silo port of the first silo (localhost clustering); null when this silo is the first.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Trainer slots on this silo; default: one per core.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>libtorch intra-op threads per slot (one process-wide pool, so slots x threads should not exceed the cores).</summary>
    public int ThreadsPerSlot { get; set; } = 1;

    /// <summary>Where grain state is kept (one file per grain), so sweeps survive a restart.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Environment.CurrentDirectory, ".hypersearch", "state");

    /// <summary>A running trial whose slot stops heartbeating for this long goes back to the queue.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a busy slot heartbeats and an idle slot looks for work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxAttempts { get; set; } = 3;

    public string ClusterId { get; set; } = "hypersearch";

    public string ServiceId { get; set; } = "hypersearch";
}
