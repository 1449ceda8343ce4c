using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Training;

/// <summary>
/// One trainer slot of this silo (a device and its cores): its training thread and the trial on
/// it. Its <see cref="TrainerHost"/> starts a leased trial on it; from then on the thread goes from
/// trial to trial on its own while each finish comes back with the slot's next lease, and tells the
/// host only when a sweep had nothing more for it (the host then finds it other work).
/// </summary>
public sealed class TrainerSlot : IDisposable
{
    private readonly Func<TrialLease, TrainingRun> _newRun;
    private readonly Func<bool> _stopping;
    private readonly SlotBoard _board;
    private readonly Action<TrainerSlot> _becameIdle;
    private readonly SlotThread _thread;
    private volatile TrainingRun? _current;
    private int _reserved;
    private int _trialsRun;

    /// <param name="stopping">True once the silo stops: no next trial is taken.</param>
    /// <param name="becameIdle">Called on the slot's thread when its sweep had no next trial for it.</param>
    public TrainerSlot(string slotId, Func<TrialLease, TrainingRun> newRun, Func<bool> stopping, SlotBoard board, Action<TrainerSlot> becameIdle)
    {
        SlotId = slotId;
        _newRun = newRun;
        _stopping = stopping;
        _board = board;
        _becameIdle = becameIdle;
        _thread = new SlotThread($"slot {slotId}");
        board.Add(slotId);
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
        var run = Begin(lease);
        Release();
        if (!_thread.Run(() => RunFrom(run)))
        {
            // The silo stops: the lease expires and the trial runs elsewhere.
            _current = null;
            _board.SetRun(SlotId, null);
        }
    }

    /// <summary>The trial ends between batches (its sweep re-queues it) and the thread ends after it.</summary>
    public void Dispose()
    {
        _current?.Abort();
        _thread.Dispose();
        _board.Remove(SlotId);
    }

    /// <summary>Waits until the slot's thread has ended (after <see cref="Dispose"/>); false if it had not by then.</summary>
    public bool WaitEnded(TimeSpan timeout) => _thread.WaitEnded(timeout);

    private TrainingRun Begin(TrialLease lease)
    {
        var run = _newRun(lease);
        _current = run;
        _board.SetRun(SlotId, run);
        return run;
    }

    private void RunFrom(TrainingRun run)
    {
        while (true)
        {
            // A stopping silo takes no next trial: it could not run it.
            var next = run.Run(_stopping() ? null : SlotId);
            Interlocked.Increment(ref _trialsRun);
            if (next is null || _stopping())
            {
                // A lease taken as the silo began to stop expires and is run elsewhere.
                _current = null;
                _board.SetRun(SlotId, null);
                if (!_stopping())
                {
                    _becameIdle(this);
                }

                return;
            }

            run = Begin(next);
        }
    }
}
