using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Training;

/// <summary>
/// One trainer slot's training thread and the trial on it. The slot's grain hands it a lease; from
/// then on the thread goes from trial to trial on its own while each finish comes back with the
/// slot's next lease, and wakes the grain only when a sweep had nothing more for it (the grain then
/// asks the registry which sweeps have work). Held by the silo (<see cref="SlotWorkers"/>), not by
/// the grain activation, so a trial trains on when Orleans moves the activation away.
/// </summary>
public sealed class SlotWorker : IDisposable
{
    private readonly string _slotId;
    private readonly Func<TrialLease, TrainingRun> _newRun;
    private readonly Func<bool> _stopping;
    private readonly SlotBoard _board;
    private readonly Action _wakeSlot;
    private readonly SlotThread _thread;
    private volatile TrainingRun? _current;
    private int _reserved;
    private int _trialsRun;

    /// <param name="stopping">True once the silo stops: no next trial is taken, and the slot is not woken.</param>
    public SlotWorker(string slotId, Func<TrialLease, TrainingRun> newRun, Func<bool> stopping, SlotBoard board, Action wakeSlot)
    {
        _slotId = slotId;
        _newRun = newRun;
        _stopping = stopping;
        _board = board;
        _wakeSlot = wakeSlot;
        _thread = new SlotThread($"slot {slotId}");
    }

    public string SlotId => _slotId;

    /// <summary>The trial training now; null while the slot is idle.</summary>
    public TrainingRun? Current => _current;

    public int TrialsRun => Volatile.Read(ref _trialsRun);

    /// <summary>
    /// Claims the idle slot for one lease request, so that two askers (the slot's own poll, a
    /// sibling offering the silo's idle slots work) cannot both start a trial on it. False when the
    /// slot trains or someone already asks. <see cref="Start"/> or <see cref="Release"/> ends the claim.
    /// </summary>
    /// <remarks>A slot's trial only goes from none to one through <see cref="Start"/>, under a claim: once idle, it stays idle until then.</remarks>
    public bool TryReserve() => _current is null && Interlocked.CompareExchange(ref _reserved, 1, 0) == 0;

    /// <summary>The request found nothing: the slot is idle and free to ask again.</summary>
    public void Release() => Volatile.Write(ref _reserved, 0);

    /// <summary>Starts a leased trial on the slot's thread; the slot was reserved for it (<see cref="TryReserve"/>).</summary>
    public void Start(TrialLease lease)
    {
        var run = Begin(lease);
        Release();
        if (!_thread.Run(() => RunFrom(run)))
        {
            // Retired as the silo stops: the lease expires and the trial runs elsewhere.
            _current = null;
            _board.SetRun(_slotId, null);
        }
    }

    /// <summary>The trial ends between batches (its sweep re-queues it) and the thread ends after it.</summary>
    public void Dispose()
    {
        _current?.Abort();
        _thread.Dispose();
    }

    private TrainingRun Begin(TrialLease lease)
    {
        var run = _newRun(lease);
        _current = run;
        _board.SetRun(_slotId, run);
        return run;
    }

    private void RunFrom(TrainingRun run)
    {
        while (true)
        {
            // A stopping silo takes no next trial: it could not run it.
            var next = run.Run(_stopping() ? null : _slotId);
            Interlocked.Increment(ref _trialsRun);
            if (next is null || _stopping())
            {
                // A lease taken as the silo began to stop expires and is run elsewhere.
                _current = null;
                _board.SetRun(_slotId, null);
                if (!_stopping())
                {
                    _wakeSlot();
                }

                return;
            }

            run = Begin(next);
        }
    }
}
