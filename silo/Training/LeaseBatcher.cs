using System.Diagnostics;
using HyperSearch.Contracts;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Training;

/// <summary>
/// Joins the lease requests of this silo's idle slots into one <see cref="ISweepGrain.LeaseMany"/>
/// call per sweep. The first request goes at once; those that arrive while a call is under way
/// share the next one. So a lone slot waits no longer than before, while a wave of slots asking
/// together (a sweep starts, equal trials end together) costs the sweep grain a few calls and
/// writes instead of one per slot: 1,000 slots asking at once took 97 ms at p99 one call each.
/// A lease goes to its slot's worker as soon as the call returns, not after the slot's grain gets
/// its next turn: in a wave, a thousand grains wait for turns behind each other (30-50 ms more).
/// </summary>
public sealed class LeaseBatcher(IGrainFactory grainFactory, HyperSearchInstruments instruments)
{
    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Leases a trial of <paramref name="sweepId"/> for a slot whose worker the caller reserved
    /// (<see cref="SlotWorker.TryReserve"/>) and starts it there; returns the lease, or null when
    /// the sweep has none for the slot now. Either way the reservation ends.
    /// </summary>
    public Task<TrialLease?> LeaseAsync(string sweepId, SlotWorker worker) => Enqueue(sweepId, [worker])[0];

    /// <summary>Every idle worker of <paramref name="workers"/> (reserved here) asks for a trial of the sweep, in one call.</summary>
    /// <returns>How many trials started.</returns>
    public async Task<int> OfferAsync(string sweepId, IEnumerable<SlotWorker> workers)
    {
        var leases = await Task.WhenAll(Enqueue(sweepId, workers.Where(w => w.TryReserve()).ToArray()));
        return leases.Count(l => l is not null);
    }

    private Task<TrialLease?>[] Enqueue(string sweepId, SlotWorker[] workers)
    {
        if (workers.Length == 0)
        {
            return [];
        }

        var started = Stopwatch.GetTimestamp();
        var requests = workers.Select(w => new Request(w, started)).ToArray();
        bool send;
        Queue queue;
        lock (_queues)
        {
            if (!_queues.TryGetValue(sweepId, out queue!))
            {
                queue = _queues[sweepId] = new Queue();
            }

            queue.Waiting.AddRange(requests);
            send = !queue.Sending;
            queue.Sending = true;
        }

        if (send)
        {
            // Off the caller's grain scheduler: the calls belong to no one slot, and the loop
            // completes other slots' requests.
            _ = Task.Run(() => SendAsync(sweepId, queue));
        }

        return requests.Select(r => r.Done.Task).ToArray();
    }

    private async Task SendAsync(string sweepId, Queue queue)
    {
        var sweep = grainFactory.GetGrain<ISweepGrain>(sweepId);
        while (true)
        {
            Request[] batch;
            lock (_queues)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Sending = false;
                    if (_queues.GetValueOrDefault(sweepId) == queue)
                    {
                        // Sweeps come and go: keep no queue for one nobody waits on.
                        _queues.Remove(sweepId);
                    }

                    return;
                }

                batch = [.. queue.Waiting];
                queue.Waiting.Clear();
            }

            TrialLease?[] leases;
            try
            {
                leases = await sweep.LeaseMany(batch.Select(r => r.Worker.SlotId).ToArray());
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                {
                    request.Worker.Release();
                    request.Done.TrySetException(e);
                }

                continue;
            }

            for (var i = 0; i < batch.Length; i++)
            {
                var lease = i < leases.Length ? leases[i] : null;
                if (lease is null)
                {
                    batch[i].Worker.Release();
                }
                else
                {
                    batch[i].Worker.Start(lease);
                    instruments.OnLeaseWait(Stopwatch.GetElapsedTime(batch[i].Started));
                }

                batch[i].Done.TrySetResult(lease);
            }
        }
    }

    private sealed class Queue
    {
        public List<Request> Waiting { get; } = [];

        public bool Sending { get; set; }
    }

    private sealed record class Request(SlotWorker Worker, long Started)
    {
        public TaskCompletionSource<TrialLease?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
