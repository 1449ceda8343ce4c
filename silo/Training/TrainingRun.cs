using HyperSearch.Contracts;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Training;

/// <summary>
/// One leased trial training on its own thread. TorchSharp's dispose scopes and grad mode are per
/// thread and a run takes minutes, so it never runs in a grain turn: the thread reports each epoch
/// to the sweep grain itself (a blocking call on this thread only) and finishes the trial.
/// </summary>
public sealed partial class TrainingRun : ITrainingObserver
{
    private readonly TrialLease _lease;
    private readonly ISweepGrain _sweep;
    private readonly Action _onDone;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly string _device;
    private readonly string? _artifactDirectory;
    private readonly SimulatedTrainer? _simulated;
    private volatile bool _stopRequested;
    private volatile bool _done;

    /// <param name="device">The slot's device (auto, cpu, cuda, cuda:N).</param>
    /// <param name="artifactDirectory">The artifact store; null: no checkpoints.</param>
    /// <param name="simulated">Trains with this simulated trainer instead of TorchSharp (benchmarks, scale tests).</param>
    public TrainingRun(
        TrialLease lease, IGrainFactory grainFactory, Action onDone, ILogger logger, string device = TrainingDevice.Cpu, string? artifactDirectory = null,
        SimulatedTrainer? simulated = null)
    {
        _simulated = simulated;
        _lease = lease;
        _sweep = grainFactory.GetGrain<ISweepGrain>(lease.Key.SweepId);
        _onDone = onDone;
        _logger = logger;
        _device = device;
        _artifactDirectory = artifactDirectory;
    }

    public TrialKey Key => _lease.Key;

    public bool IsDone => _done;

    /// <summary>Training rate of the last finished epoch (0 before the first); read by the slot gauges.</summary>
    public double SamplesPerSecond { get; private set; }

    /// <param name="slotThread">The slot's own training thread; null: a thread of its own.</param>
    public void Start(SlotThread? slotThread = null)
    {
        if (slotThread is not null)
        {
            slotThread.Run(Run);
            return;
        }

        var thread = new Thread(Run) { IsBackground = true, Name = $"trial {Key}" };
        thread.Start();
    }

    /// <summary>The sweep said stop: end after the current epoch (its figures still count).</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>The silo is going away: end between batches; the sweep re-queues the trial.</summary>
    public void Abort() => _abort.Cancel();

    public EpochDirective OnEpoch(EpochReport report)
    {
        var metrics = new EpochMetrics(
            report.Epoch, report.TrainLoss, report.ValLoss, report.ValAccuracy, report.SamplesPerSecond, report.Seconds,
            new Dictionary<string, double>(report.Diagnostics),
            report.Events.Count == 0 ? null : report.Events.Select(e => e.ToString()).ToArray());
        SamplesPerSecond = report.SamplesPerSecond;
        HyperSearchTracing.RecordEpoch(report.Epoch, report.Seconds, report.TrainLoss, report.ValLoss, report.ValAccuracy, report.SamplesPerSecond);
        try
        {
            if (_sweep.Report(Key, metrics).GetAwaiter().GetResult() == LeaseDirective.Stop)
            {
                _stopRequested = true;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The sweep may be moving to another silo; keep training; heartbeats decide the lease.
            LogReportFailed(Key.ToString(), e.Message);
        }

        return _stopRequested ? EpochDirective.Stop : EpochDirective.Continue;
    }

    private void Run()
    {
        var span = HyperSearchTracing.StartTrial(Key);
        TrialFinish finish;
        try
        {
            var job = ToJob(_lease, _device, _artifactDirectory);
            var result = _simulated is { } simulated ? simulated.Run(job, this, _abort.Token) : TrialTrainer.Run(job, this, _abort.Token);
            finish = ToFinish(result);
        }
        catch (Exception e) when (e is DataSetException or InvalidTrainingConfigException or DeviceUnavailableException)
        {
            // The data, the configuration or the slot's device is wrong: another attempt would fail the same way.
            finish = new TrialFinish(TrialOutcome.Failed, null, null, e.Message, Retryable: false);
        }
        catch (Exception e)
        {
            LogTrainingFailed(e, Key.ToString());
            finish = new TrialFinish(TrialOutcome.Failed, null, null, $"{e.GetType().Name}: {e.Message}", Retryable: true);
        }

        HyperSearchTracing.EndTrial(span, finish);
        ReportFinish(finish);
        _done = true;
        _onDone();
    }

    private void ReportFinish(TrialFinish finish)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _sweep.Finish(Key, finish).GetAwaiter().GetResult();
                return;
            }
            catch (Exception e) when (attempt < 3)
            {
                LogReportFailed(Key.ToString(), e.Message);
                Thread.Sleep(TimeSpan.FromSeconds(attempt));
            }
            catch (Exception e)
            {
                // The lease will expire and the trial will run again elsewhere: nothing is lost.
                LogReportFailed(Key.ToString(), e.Message);
                return;
            }
        }
    }

    private static TrainingJob ToJob(TrialLease lease, string device, string? artifactDirectory) => new(
        lease.Key.ToString(),
        lease.Parameters.ToDictionary(p => p.Key, p => p.Value.ToObject()),
        new DataSetOptions(lease.Data.Dataset, lease.Data.Path, lease.Data.TrainSubset, lease.Data.Validation, lease.Data.SplitSeed),
        lease.MaxEpochs,
        lease.Seed)
    {
        Device = device,
        CheckpointDirectory = artifactDirectory is null ? null : ArtifactPaths.Checkpoint(artifactDirectory, lease.Key),
        CheckpointMetric = lease.ObjectiveMetric ?? "val_accuracy",
    };

    private static TrialFinish ToFinish(TrainingResult result)
    {
        var test = result.TestAccuracy is { } accuracy && result.TestLoss is { } loss ? new TrialTestMetrics(accuracy, loss) : null;
        var outcome = result.Outcome switch
        {
            TrainingOutcome.Completed => TrialOutcome.Completed,
            TrainingOutcome.Diverged => TrialOutcome.Diverged,
            _ => TrialOutcome.Stopped,
        };
        var events = result.Events.Count == 0 ? null : result.Events.Select(e => e.ToString()).ToArray();
        return new TrialFinish(outcome, test, result.InitialLoss, result.Message, Retryable: true, events, result.Checkpoint?.Directory);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report {Trial} to its sweep: {Error}")]
    private partial void LogReportFailed(string trial, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training {Trial} failed")]
    private partial void LogTrainingFailed(Exception exception, string trial);
}
