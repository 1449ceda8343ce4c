using System.Diagnostics;
using HyperSearch.Contracts;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Training;

/// <summary>
/// Carries what this silo's trainer slots tell a sweep (heartbeats, epochs, finishes, requests for
/// a trial) in <see cref="ISweepGrain.Exchange"/> calls, at most <see cref="CallsInFlight"/> per
/// sweep at a time. A message goes at once while fewer calls are under way; the messages that
/// arrive while all are share the next one. So a lone slot waits no longer than with a call of its own, while a wave of
/// slots (a sweep starts; equal trials end together on equal devices) costs the sweep grain a few
/// calls, turns and writes instead of one per slot. Measured (bench/orchestration.sh): 1,000 slots
/// asking at once waited 97 ms at p99 with one call each.
/// A lease for an idle slot starts on it as soon as the call returns.
/// </summary>
public sealed class SlotMessenger(IGrainFactory grainFactory, HyperSearchInstruments instruments)
{
    /// <summary>
    /// Calls a silo keeps under way to one sweep. One would batch the most, but each call that
    /// brings a result waits for the sweep's write, and the next call would wait for it: with a
    /// few, later calls join the sweep's next write instead (measured: 16 slots on 3 silos,
    /// zero-length trials, 2,864 trials/s with one, against 6,000 or more with several).
    /// </summary>
    public const int CallsInFlight = 4;

    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Every idle slot of <paramref name="workers"/> (reserved here, so two askers never both start
    /// a trial on one) asks for a trial of the sweep, together; each lease starts on its slot.
    /// </summary>
    /// <returns>How many trials started.</returns>
    public async Task<int> OfferAsync(string sweepId, IEnumerable<TrainerSlot> workers)
    {
        var requests = workers.Where(w => w.TryReserve()).Select(w => new Request(new SlotMessage(w.SlotId, WantsNext: true), w)).ToArray();
        var replies = await Task.WhenAll(Send(sweepId, requests));
        return replies.Count(r => r.Next is not null);
    }

    /// <summary>The slot still trains <paramref name="trial"/>: its lease is extended; go on or stop.</summary>
    public async Task<LeaseDirective> HeartbeatAsync(TrialKey trial) =>
        (await Send(trial.SweepId, [new Request(new SlotMessage(string.Empty, trial), null)])[0]).Directive;

    /// <summary>An epoch of a running trial (a trainer thread blocks on it): go on or stop.</summary>
    public async Task<LeaseDirective> ReportAsync(TrialKey trial, EpochMetrics epoch) =>
        (await Send(trial.SweepId, [new Request(new SlotMessage(string.Empty, trial, Epoch: epoch), null)])[0]).Directive;

    /// <summary>How a trial ended; with <paramref name="nextSlotId"/>, also that slot's next trial of the sweep (null: none now).</summary>
    public async Task<TrialLease?> FinishAsync(TrialKey trial, TrialFinish finish, string? nextSlotId)
    {
        var message = new SlotMessage(nextSlotId ?? string.Empty, trial, Finish: finish, WantsNext: nextSlotId is not null);
        var started = Stopwatch.GetTimestamp();
        var next = (await Send(trial.SweepId, [new Request(message, null)])[0]).Next;
        if (next is not null)
        {
            instruments.OnLeaseWait(Stopwatch.GetElapsedTime(started));
        }

        return next;
    }

    private Task<SlotReply>[] Send(string sweepId, Request[] requests)
    {
        if (requests.Length == 0)
        {
            return [];
        }

        bool send;
        Queue queue;
        lock (_queues)
        {
            if (!_queues.TryGetValue(sweepId, out queue!))
            {
                queue = _queues[sweepId] = new Queue();
            }

            queue.Waiting.AddRange(requests);
            send = queue.Calls < CallsInFlight;
            if (send)
            {
                queue.Calls++;
            }
        }

        if (send)
        {
            // Off the caller's scheduler or thread: the calls belong to no one slot, and the
            // loop answers other slots' messages.
            _ = Task.Run(() => SendLoopAsync(sweepId, queue));
        }

        return requests.Select(r => r.Done.Task).ToArray();
    }

    private async Task SendLoopAsync(string sweepId, Queue queue)
    {
        var sweep = grainFactory.GetGrain<ISweepGrain>(sweepId);
        while (true)
        {
            Request[] batch;
            lock (_queues)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Calls--;
                    if (queue.Calls == 0 && _queues.GetValueOrDefault(sweepId) == queue)
                    {
                        // Sweeps come and go: keep no queue for one nobody writes to.
                        _queues.Remove(sweepId);
                    }

                    return;
                }

                batch = [.. queue.Waiting];
                queue.Waiting.Clear();
            }

            SlotReply[] replies;
            try
            {
                replies = await sweep.Exchange(batch.Select(r => r.Message).ToArray());
            }
            catch (Exception e)
            {
                foreach (var request in batch)
                {
                    request.StartOn?.Release();
                    request.Done.TrySetException(e);
                }

                continue;
            }

            for (var i = 0; i < batch.Length; i++)
            {
                Deliver(batch[i], i < replies.Length ? replies[i] : new SlotReply(LeaseDirective.Stop));
            }
        }
    }

    /// <summary>Answers one request; never throws, so one slot cannot stall the loop that answers the others.</summary>
    private void Deliver(Request request, SlotReply reply)
    {
        try
        {
            if (request.StartOn is { } worker)
            {
                if (reply.Next is { } lease)
                {
                    worker.Start(lease);
                    instruments.OnLeaseWait(Stopwatch.GetElapsedTime(request.Started));
                }
                else
                {
                    worker.Release();
                }
            }

            request.Done.TrySetResult(reply);
        }
        catch (Exception e)
        {
            request.StartOn?.Release();
            request.Done.TrySetException(e);
        }
    }

    private sealed class Queue
    {
        public List<Request> Waiting { get; } = [];

        /// <summary>Send loops running, each with at most one call under way.</summary>
        public int Calls { get; set; }
    }

    /// <param name="StartOn">The reserved idle worker a lease in the reply starts on; null for a trainer thread's own message.</param>
    private sealed record class Request(SlotMessage Message, TrainerSlot? StartOn)
    {
        public long Started { get; } = Stopwatch.GetTimestamp();

        public TaskCompletionSource<SlotReply> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
