using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Silo.Training;

/// <summary>
/// One trainer slot of this silo (a device and its cores): its training thread, kept for the
/// silo's lifetime, and the trial on it. Its <see cref="TrainerHost"/> starts a leased trial on it;
/// from then on the thread goes from trial to trial on its own while each finish comes back with the
/// slot's next lease, and tells the host only when a sweep had nothing more for it. One thread per
/// slot rather than per trial: a thread started per trial cost about 0.4 ms on a loaded 2-core
/// machine against 10 µs for a handoff (bench/orchestration.sh micro); the trainer scopes
/// TorchSharp's per-thread state per batch, so nothing carries from one trial to the next.
/// The thread also owns the slot's persistent command worker (<see cref="CommandWorkers"/>): started
/// from this thread, its death signal stays armed while the slot lives; it is closed when the slot
/// has been idle for <see cref="CommandWorkers.IdleTimeout"/> and when the thread ends.
/// </summary>
public sealed class TrainerSlot : IDisposable
{
    private readonly Func<TrialLease, CommandWorkers, TrainingRun> _newRun;
    private readonly CommandWorkers _workers = new();
    private readonly Func<bool> _stopping;
    private readonly Action<TrainerSlot> _becameIdle;
    private readonly BlockingCollection<TrainingRun> _runs = [];
    private readonly Thread _thread;
    private volatile TrainingRun? _current;
    private int _reserved;
    private int _trialsRun;

    /// <param name="stopping">True once the silo stops: no next trial is taken.</param>
    /// <param name="becameIdle">Called on the slot's thread when its sweep had no next trial for it.</param>
    public TrainerSlot(string slotId, Func<TrialLease, CommandWorkers, TrainingRun> newRun, Func<bool> stopping, Action<TrainerSlot> becameIdle)
    {
        SlotId = slotId;
        _newRun = newRun;
        _stopping = stopping;
        _becameIdle = becameIdle;
        _thread = new Thread(Loop) { IsBackground = true, Name = $"slot {slotId}" };
        _thread.Start();
    }

    public string SlotId { get; }

    /// <summary>The trial training now; null while the slot is idle.</summary>
    public TrainingRun? Current => _current;

    public int TrialsRun => Volatile.Read(ref _trialsRun);

    /// <summary>
    /// Claims the idle slot for one lease request, so that two askers (an offer from the registry,
    /// the host's own search when a slot fell idle) cannot both start a trial on it. False when the
    /// slot trains or someone already asks. <see cref="Start"/> or <see cref="Release"/> ends the claim.
    /// </summary>
    /// <remarks>A slot's trial only goes from none to one through <see cref="Start"/>, under a claim: once idle, it stays idle until then.</remarks>
    public bool TryReserve() => _current is null && !_stopping() && Interlocked.CompareExchange(ref _reserved, 1, 0) == 0;

    /// <summary>The request found nothing: the slot is idle and free to ask again.</summary>
    public void Release() => Volatile.Write(ref _reserved, 0);

    /// <summary>Starts a leased trial on the slot's thread; the slot was reserved for it (<see cref="TryReserve"/>).</summary>
    public void Start(TrialLease lease)
    {
        var run = _current = _newRun(lease, _workers);
        Release();
        if (!_runs.TryAdd(run))
        {
            // The silo stops: the lease expires and the trial runs elsewhere.
            _current = null;
        }
    }

    /// <summary>The trial ends between batches (its sweep re-queues it) and the thread ends after it.</summary>
    public void Dispose()
    {
        _current?.Abort();
        _runs.CompleteAdding();
    }

    /// <summary>Waits until the slot's thread has ended (after <see cref="Dispose"/>); false if it had not by then.</summary>
    public bool WaitEnded(TimeSpan timeout) => _thread.Join(timeout);

    private void Loop()
    {
        try
        {
            RunTrials();
        }
        finally
        {
            _workers.Dispose();
        }
    }

    private void RunTrials()
    {
        while (!_runs.IsCompleted)
        {
            if (!TryTakeRun(out var run))
            {
                _workers.Close(); // idle for a while: the worker's memory goes back to the machine
                continue;
            }

            while (true)
            {
                // A stopping silo takes no next trial: it could not run it.
                var next = run.Run(_stopping() ? null : SlotId);
                Interlocked.Increment(ref _trialsRun);
                if (next is null || _stopping())
                {
                    // A lease taken as the silo began to stop expires and is run elsewhere.
                    _current = null;
                    if (!_stopping())
                    {
                        _becameIdle(this);
                    }

                    break;
                }

                run = _current = _newRun(next, _workers);
            }
        }
    }

    /// <summary>The next trial the host starts on this slot; false after <see cref="CommandWorkers.IdleTimeout"/> without one (while a worker waits), or once disposed.</summary>
    private bool TryTakeRun([NotNullWhen(true)] out TrainingRun? run) =>
        _runs.TryTake(out run, _workers.HasWorker ? CommandWorkers.IdleTimeout : Timeout.InfiniteTimeSpan);
}
