using HyperSearch.Contracts;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Training;

/// <summary>
/// One leased trial training on its slot's thread. TorchSharp's dispose scopes and grad mode are per
/// thread and a run takes minutes, so it never runs in a grain turn: the thread reports each epoch
/// to the sweep itself (through the silo's <see cref="SlotMessenger"/>; a blocking call on this
/// thread only) and finishes the trial, asking in the same message for the slot's next trial
/// (<see cref="SlotWorker"/> runs it).
/// </summary>
public sealed partial class TrainingRun : ITrainingObserver
{
    private readonly TrialLease _lease;
    private readonly SlotMessenger _messenger;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly string _device;
    private readonly string? _artifactDirectory;
    private readonly SimulatedTrainer? _simulated;
    private volatile bool _stopRequested;

    /// <param name="messenger">Carries the reports and the finish to the sweep, batched with the silo's other slots.</param>
    /// <param name="device">The slot's device (auto, cpu, cuda, cuda:N).</param>
    /// <param name="artifactDirectory">The artifact store; null: no checkpoints.</param>
    /// <param name="simulated">Trains with this simulated trainer instead of TorchSharp (benchmarks, scale tests).</param>
    public TrainingRun(
        TrialLease lease, SlotMessenger messenger, ILogger logger, string device = TrainingDevice.Cpu, string? artifactDirectory = null,
        SimulatedTrainer? simulated = null)
    {
        _simulated = simulated;
        _lease = lease;
        _messenger = messenger;
        _logger = logger;
        _device = device;
        _artifactDirectory = artifactDirectory;
    }

    public TrialKey Key => _lease.Key;

    /// <summary>Training rate of the last finished epoch (0 before the first); read by the slot gauges.</summary>
    public double SamplesPerSecond { get; private set; }

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
            if (_messenger.ReportAsync(Key, metrics).GetAwaiter().GetResult() == LeaseDirective.Stop)
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

    /// <summary>
    /// Trains the trial on the calling thread and reports how it ended. Returns the next trial the
    /// sweep leased to <paramref name="nextSlotId"/> with that report, or null (none, or no slot given).
    /// </summary>
    public TrialLease? Run(string? nextSlotId)
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
        return ReportFinish(finish, _abort.IsCancellationRequested ? null : nextSlotId);
    }

    private TrialLease? ReportFinish(TrialFinish finish, string? nextSlotId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return _messenger.FinishAsync(Key, finish, nextSlotId).GetAwaiter().GetResult();
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
                return null;
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
