using HyperSearch.Trainer.Training;

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

    /// <summary>
    /// The device of every one of the <see cref="Slots"/> slots: auto (the first GPU when CUDA is
    /// available, else the CPU), cpu, cuda or cuda:N. <see cref="Devices"/> overrides it.
    /// </summary>
    public string Device { get; set; } = TrainingDevice.Auto;

    /// <summary>
    /// The devices this silo trains on and the slots on each, "DEVICE[=SLOTS],...", e.g.
    /// "cuda:0=2,cuda:1=2,cpu=1" (see <see cref="DeviceSlots"/>). When given it replaces
    /// <see cref="Slots"/> and <see cref="Device"/>; null or empty: <see cref="Slots"/> slots on <see cref="Device"/>.
    /// </summary>
    public string? Devices { get; set; }

    /// <summary>
    /// The artifact store: checkpoints and class probabilities of every trial, one directory per
    /// attempt. Shared between the nodes of a cluster (a network file system); grain calls carry only
    /// paths into it. Null or empty: no checkpoints.
    /// </summary>
    public string? ArtifactDirectory { get; set; } = Path.Combine(Environment.CurrentDirectory, ".hypersearch", "artifacts");

    /// <summary>
    /// Where relative paths of a spec submitted through a gateway start (<c>data.path</c>,
    /// <c>trainer.plugin</c>): the submitting machine's directories mean nothing here. Null or
    /// empty: this silo's working directory. Embedded runs resolve them against the spec's directory.
    /// </summary>
    public string? DataRoot { get; set; }

    /// <summary>
    /// More directories this silo may read besides <see cref="DataRoot"/>, the built-in data sets'
    /// directories and <see cref="ArtifactDirectory"/> (see <see cref="SiloRoots"/>), separated by
    /// <see cref="Path.PathSeparator"/> as in PATH: e.g. a shared directory of plugins or training
    /// scripts. Whatever a spec, a manifest or a checkpoint names outside these roots is refused.
    /// </summary>
    public string? ExtraRoots { get; set; }

    /// <summary>Where grain state is kept (one file per grain), so sweeps survive a restart.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Environment.CurrentDirectory, ".hypersearch", "state");

    /// <summary>A running trial whose slot stops heartbeating for this long goes back to the queue.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often busy slots heartbeat and a sweep checks its leases, unless a quarter of the lease is shorter (<see cref="HeartbeatPeriod"/>).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often busy slots heartbeat and a sweep checks its leases: <see cref="PollInterval"/>, but
    /// at most a quarter of the lease, so a slot whose beat is late once or twice still keeps it.
    /// </summary>
    public TimeSpan HeartbeatPeriod => LeaseDuration / 4 < PollInterval ? LeaseDuration / 4 : PollInterval;

    /// <summary>
    /// How often the trainer host renews its subscription to the sweep registry; a subscription
    /// not renewed for three periods lapses. A registry that lost it (its stored copy was lost, or
    /// it lapsed while the silo hung) says so at the renewal and the host looks for work then.
    /// </summary>
    public TimeSpan TrainerHostRenewal { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often idle slots ask the running sweeps for work unprompted: only a safety net, since the
    /// registry offers every started, resumed or re-queued sweep to the idle slots at once.
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The programs command trials may start on this silo, separated by <see cref="Path.PathSeparator"/>
    /// as in PATH: names (found on PATH, e.g. <c>python3</c>) or paths; "*": any program. Null or
    /// empty, the default: no command trials, since anyone who can reach a gateway could run any
    /// program here. An interpreter (<c>sh</c>, <c>python3</c>) runs whatever script a spec names.
    /// The console's embedded silo allows any (see silo/Trainers/UserCodePolicy.cs).
    /// </summary>
    public string? AllowCommands { get; set; }

    /// <summary>
    /// The directories this silo loads plugin trainers from, separated by <see cref="Path.PathSeparator"/>;
    /// "*": any within its roots. Null or empty, the default: no plugins (a plugin is code run in the
    /// silo's own process). The console's embedded silo allows any.
    /// </summary>
    public string? AllowPlugins { get; set; }

    /// <summary>
    /// What trains a leased trial: "torch" (TorchSharp, the default) or "simulated" (a synthetic
    /// learning curve that waits <see cref="SimulatedEpochDuration"/> per epoch and uses no core
    /// while it waits; for benchmarks and scale tests, see HyperSearch.Trainer.Simulated.SimulatedTrainer).
    /// </summary>
    public string Trainer { get; set; } = TrainerKinds.Torch;

    /// <summary>How long each epoch of the simulated trainer waits; zero: none.</summary>
    public TimeSpan SimulatedEpochDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Spread of simulated epoch durations, 0 to 1: each epoch waits the duration times a factor
    /// drawn from [1 - jitter, 1 + jitter] by the trial's seed, so slots do not all finish at once.
    /// </summary>
    public double SimulatedEpochJitter { get; set; }

    /// <summary>Port of the Prometheus scrape endpoint (http://MetricsHost:MetricsPort/metrics); null or 0: none.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Address the metrics endpoint listens on: 127.0.0.1 by default; "*" or "0.0.0.0" for every interface.</summary>
    public string MetricsHost { get; set; } = "127.0.0.1";

    /// <summary>Port of the sweep explorer (the pages of `hypersearch ui`) served by this silo; null or 0: none.</summary>
    public int? ExplorerPort { get; set; }

    /// <summary>Address the explorer listens on: 127.0.0.1 by default; any other needs <see cref="ExplorerToken"/>.</summary>
    public string ExplorerHost { get; set; } = "127.0.0.1";

    /// <summary>The token every explorer request must carry when it listens beyond loopback (or env HYPERSEARCH_EXPLORER_TOKEN).</summary>
    public string? ExplorerToken { get; set; }

    /// <summary>
    /// Host names, comma-separated, the explorer answers to besides loopback's (or env
    /// HYPERSEARCH_EXPLORER_HOSTS); needs <see cref="ExplorerToken"/>. Other names are refused, so a
    /// name an attacker points at this machine (DNS rebinding) reaches nothing.
    /// </summary>
    public string? ExplorerAllowedHosts { get; set; }

    /// <summary>OTLP collector (e.g. http://127.0.0.1:4317) that receives metrics and trial/epoch spans; null: none.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How to talk to <see cref="OtlpEndpoint"/>: "grpc" (port 4317) or "http/protobuf" (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    public string ClusterId { get; set; } = "hypersearch";

    /// <summary>
    /// Redis ("host:port[,options]") for membership and grain state: a cluster of silos. Null: one
    /// machine, localhost clustering and state files under <see cref="StateDirectory"/>.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// A file holding the Redis password (a mounted secret), so it is not in the connection string,
    /// the environment or a command line. Null: the connection string's <c>password=</c>, if any.
    /// For TLS to Redis add <c>ssl=true</c> to <see cref="Redis"/>.
    /// </summary>
    public string? RedisPasswordFile { get; set; }

    /// <summary>
    /// The CA certificate (PEM) that issued Redis's TLS certificate: set, silos reach Redis over TLS
    /// and accept only a certificate from that CA (a private CA is not in the system's trust store).
    /// </summary>
    public string? RedisTlsCa { get; set; }

    /// <summary>The address other silos and clients reach this silo at (cluster mode); null: this machine's.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>
    /// Listen on every interface (0.0.0.0) rather than only the advertised address (cluster mode).
    /// Only for a silo behind address translation, whose advertised address is not one of its own.
    /// </summary>
    public bool ListenOnAllInterfaces { get; set; }

    /// <summary>
    /// This silo's TLS certificate: a PEM file (its key in <see cref="TlsKey"/>) or a PKCS#12 file
    /// (password in <see cref="TlsPassword"/>). Set with <see cref="TlsCa"/>, every silo-to-silo and
    /// console-to-gateway connection uses mutual TLS (<see cref="ClusterTls"/>); null: no TLS.
    /// </summary>
    public string? TlsCertificate { get; set; }

    /// <summary>The PEM private key of <see cref="TlsCertificate"/>; null when that is a PKCS#12 file.</summary>
    public string? TlsKey { get; set; }

    /// <summary>The cluster's CA certificate (PEM): only certificates it issued may connect.</summary>
    public string? TlsCa { get; set; }

    /// <summary>Password of a PKCS#12 <see cref="TlsCertificate"/>.</summary>
    public string? TlsPassword { get; set; }

    /// <summary>
    /// Pause sweeps still marked running when the silo starts. Right for the console's embedded silo,
    /// whose sweeps can only have been running in an earlier process that is gone; wrong in a cluster.
    /// </summary>
    public bool PauseOrphanedSweeps { get; set; }

    public string ServiceId { get; set; } = "hypersearch";
}
