using HyperSearch.Paths;
using HyperSearch.Sdk;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Silo.Trainers;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Command;
using Microsoft.Extensions.Logging;

namespace HyperSearch.Silo.Training;

/// <summary>
/// One leased trial training on its slot's thread, through whichever <see cref="ITrainer"/> its spec
/// names. Trainers run synchronously for minutes (TorchSharp's dispose scopes and grad mode are per
/// thread), so a run never happens in a grain turn: the thread reports each epoch to the sweep itself
/// (through the silo's <see cref="SlotMessenger"/>; a blocking call on this thread only) and finishes
/// the trial, asking in the same message for the slot's next trial (<see cref="TrainerSlot"/> runs it).
/// </summary>
public sealed partial class TrainingRun : IEpochReporter
{
    private readonly TrialLease _lease;
    private readonly SlotMessenger _messenger;
    private readonly TrainerCatalog _trainers;
    private readonly AllowedRoots _roots;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly string _device;
    private readonly string? _artifactDirectory;
    private readonly CommandWorkers? _workers;
    private readonly List<EpochMetrics> _unsent = [];
    private LossDivergenceWatch? _watch;
    private string? _divergence;
    private volatile bool _stopRequested;

    /// <param name="messenger">Carries the reports and the finish to the sweep, batched with the silo's other slots.</param>
    /// <param name="trainers">Where the trial's trainer comes from (built-in, or the spec's plugin).</param>
    /// <param name="roots">Where its data may be read: a sweep can be started with a spec no silo checked.</param>
    /// <param name="device">The slot's device (auto, cpu, cuda, cuda:N).</param>
    /// <param name="artifactDirectory">The artifact store; null: no checkpoints.</param>
    /// <param name="workers">The slot's persistent command worker, if its trials use one.</param>
    public TrainingRun(
        TrialLease lease, SlotMessenger messenger, TrainerCatalog trainers, AllowedRoots roots, ILogger logger, string device = "cpu", string? artifactDirectory = null,
        CommandWorkers? workers = null)
    {
        _workers = workers;
        _lease = lease;
        _messenger = messenger;
        _trainers = trainers;
        _roots = roots;
        _logger = logger;
        _device = device;
        _artifactDirectory = artifactDirectory;
    }

    public TrialKey Key => _lease.Key;

    /// <summary>Training rate of the last finished epoch (0 before the first); read by the slot gauges.</summary>
    public double SamplesPerSecond { get; private set; }

    /// <summary>The sweep said stop: end after the current epoch (its figures still count).</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>A stop came with a heartbeat: trainers that can (a training command) stop at once.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>The silo is going away: end between batches; the sweep re-queues the trial.</summary>
    public void Abort() => _abort.Cancel();

    public TrialDirective Report(EpochResult epoch)
    {
        var metrics = new EpochMetrics(
            epoch.Epoch,
            new Dictionary<string, double>(epoch.Metrics),
            epoch.SamplesPerSecond,
            epoch.Seconds,
            new Dictionary<string, double>(epoch.Diagnostics),
            epoch.Events.Count == 0 ? null : [.. epoch.Events],
            epoch.ResumeCheckpoint);
        SamplesPerSecond = epoch.SamplesPerSecond;
        HyperSearchTracing.RecordEpoch(epoch.Epoch, epoch.Seconds, epoch.Metrics, epoch.SamplesPerSecond);
        // A report whose call failed goes again before the next one (the sweep ignores one it already
        // has), so a sweep that moved to another silo meanwhile still gets every epoch of the curve.
        _unsent.Add(metrics);
        try
        {
            SendUnsentReports();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The sweep may be moving to another silo; keep training; heartbeats decide the lease.
            LogReportFailed(Key.ToString(), e.Message);
        }

        if (_watch?.Check(epoch.Epoch, epoch.Metrics) is { } divergence)
        {
            _divergence = divergence;
            return TrialDirective.Stop;
        }

        return _stopRequested ? TrialDirective.Stop : TrialDirective.Continue;
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
            var dataPath = _lease.Data is { } data ? DataPaths.Require(_roots, data.Dataset, data.Path) : null;
            var trainer = _trainers.Get(_lease.Trainer, _workers);
            _watch = trainer.Schema.DetectsDivergence ? null : new LossDivergenceWatch();
            finish = ToFinish(trainer.Train(ToContext(dataPath), this));
        }
        catch (PathOutsideRootsException e)
        {
            finish = new TrialFinish(TrialOutcome.Failed, null, null, $"data.path: {e.Message}", Retryable: false);
        }
        catch (TrainerUnavailableException e)
        {
            // This silo cannot load the spec's plugin: the trial fails with the reason, the silo goes on.
            finish = new TrialFinish(TrialOutcome.Failed, null, null, $"{e.Key}: {e.Message}", Retryable: false);
        }
        catch (WorkerLostException e)
        {
            // A persistent worker died under the trial or hung: not the trial's fault, so it runs again.
            finish = new TrialFinish(TrialOutcome.Failed, null, null, e.Message, Retryable: true);
        }
        catch (TrialConfigurationException e)
        {
            // The parameters, the data or the slot's device are wrong: another attempt would fail the same way.
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

    /// <summary>Sends the epochs the sweep has not acknowledged, oldest first; throws when a call fails.</summary>
    private void SendUnsentReports()
    {
        while (_unsent.Count > 0)
        {
            if (_messenger.ReportAsync(Key, _unsent[0]).GetAwaiter().GetResult() == LeaseDirective.Stop)
            {
                _stopRequested = true;
            }

            _unsent.RemoveAt(0);
        }
    }

    /// <summary>
    /// Sends the trial's last epochs and its finish, retrying for as long as its lease would last:
    /// past that the sweep has re-queued the attempt and would ignore the finish anyway.
    /// </summary>
    private TrialLease? ReportFinish(TrialFinish finish, string? nextSlotId)
    {
        var giveUp = DateTime.UtcNow + _lease.LeaseDuration;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Epochs first: a finish recorded without them would leave a completed trial with a
                // short or empty curve (the fault loop caught one with none: every report of the
                // trial failed while its sweep moved off a killed silo).
                SendUnsentReports();
                return _messenger.FinishAsync(Key, finish, nextSlotId).GetAwaiter().GetResult();
            }
            catch (Exception e) when (DateTime.UtcNow < giveUp && !_abort.IsCancellationRequested)
            {
                LogReportFailed(Key.ToString(), e.Message);
                Thread.Sleep(TimeSpan.FromSeconds(Math.Min(attempt, 2)));
            }
            catch (Exception e)
            {
                // The lease expires and the trial runs again elsewhere: nothing is lost.
                LogReportFailed(Key.ToString(), e.Message);
                return null;
            }
        }
    }

    private TrialContext ToContext(string? dataPath) => new(
        Key.ToString(),
        new TrialParameters(_lease.Parameters.ToDictionary(p => p.Key, p => p.Value.ToObject())),
        _lease.MaxEpochs,
        _lease.Seed,
        _device,
        _artifactDirectory is null ? null : ArtifactPaths.Checkpoint(_artifactDirectory, Key),
        _lease.ObjectiveMetric ?? SpecNames.ValAccuracy,
        _lease.Data is { } data ? new DataSetReference(data.Dataset, dataPath!, data.TrainSubset, data.Validation, data.SplitSeed) : null,
        _abort.Token)
    {
        ResumeFrom = ResumeArtifacts.Find(_lease, _roots, (path, problem) => LogResumeRejected(Key.ToString(), path, problem)),
        Checkpoints = _artifactDirectory is null || _lease.CheckpointEvery < 1
            ? null
            : new EpochCheckpoints(ResumeArtifacts.Directory(_artifactDirectory, Key), _lease.CheckpointEvery),
        ValidationInTraining = _lease.ValidationInTraining,
        Snapshots = _lease.Snapshots,
    };

    private TrialFinish ToFinish(TrialResult result)
    {
        var events = result.Events.ToList();
        var (outcome, message) = (result.End, _divergence) switch
        {
            (_, { } divergence) => (TrialOutcome.Diverged, divergence),
            (TrialEnd.Completed, _) => (TrialOutcome.Completed, result.Message),
            (TrialEnd.Diverged, _) => (TrialOutcome.Diverged, result.Message),
            _ => (TrialOutcome.Stopped, result.Message),
        };
        if (_divergence is { } reason)
        {
            events.Add(new TrialEvent(TrialEventKind.Diverged, result.EpochsTrained, reason));
        }

        var test = result.TestMetrics.Count == 0 ? null : new Dictionary<string, double>(result.TestMetrics);
        return new TrialFinish(outcome, test, result.InitialLoss, message, Retryable: true, events.Count == 0 ? null : [.. events], result.CheckpointDirectory);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report {Trial} to its sweep: {Error}")]
    private partial void LogReportFailed(string trial, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Trial} does not resume from {Path}: {Problem}")]
    private partial void LogResumeRejected(string trial, string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training {Trial} failed")]
    private partial void LogTrainingFailed(Exception exception, string trial);
}
