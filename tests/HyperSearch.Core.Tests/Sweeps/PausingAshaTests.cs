using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>
/// ASHA as in Li et al. 2020 (scheduler mode pause), on one slot, with a hand-worked order of
/// arrivals: eta 3, rungs at epochs 1 and 3, max_epochs 9. A trial not in the top floor(n/eta) of
/// its rung pauses; it is promoted, from its checkpoint, when later results make it promotable.
/// </summary>
public sealed class PausingAshaTests
{
    private static SweepSpec Spec(int trials) =>
        SweepSpecWith(trials, maxEpochs: 9) with { Scheduler = new SchedulerSpec(SchedulerType.Asha, 1, 3, SchedulerMode.Pause) };

    /// <summary>Leases the slot's next trial and reports <paramref name="values"/> for its next epochs (each with a checkpoint) until the sweep says stop.</summary>
    private static TrialLease Train(SweepBook book, params double[] values)
    {
        var lease = book.Lease("s/0", T0) ?? throw new InvalidOperationException("no lease");
        var first = (lease.ResumeFrom?[0].Epoch ?? 0) + 1;
        var directive = LeaseDirective.Continue;
        var epoch = first;
        foreach (var value in values)
        {
            directive = book.Report(lease.Key, Epoch(epoch, value) with { ResumeCheckpoint = $"/store/{lease.Key.TrialNumber}/{lease.Key.Attempt}/epoch-{epoch}" }, T0);
            epoch++;
            if (directive == LeaseDirective.Stop)
            {
                break;
            }
        }

        Assert.True(epoch - first == values.Length, $"{lease.Key} was told to stop after {epoch - first} of {values.Length} epochs");
        book.Finish(lease.Key, epoch > lease.MaxEpochs ? Completed() : new TrialFinish(TrialOutcome.Stopped, null, null, null, true), T0);
        return lease;
    }

    [Fact]
    public void PausedTrials_ArePromotedLater_WhenResultsArrivingAfterThemMakeThemPromotable()
    {
        var book = Book(Spec(trials: 9));
        var leases = new List<TrialLease>
        {
            Train(book, 0.5),               // t0 at rung 1: n = 1, floor(1/3) = 0 promotable: pauses
            Train(book, 0.7),               // t1: n = 2: pauses
            Train(book, 0.6),               // t2: n = 3, top 1 is t1 (paused): t2 pauses, t1 is now promotable
            Train(book, 0.75, 0.8),         // t1 promoted from its epoch-1 checkpoint; at rung 3 n = 1: pauses
            Train(book, 0.9, 0.85, 0.75),   // t3: top 1 of 4 at rung 1 on arrival, goes on; rung 3 (n = 2): pauses
            Train(book, 0.4),               // t4 .. t8 arrive below everyone at rung 1
            Train(book, 0.3),
            Train(book, 0.2),
            Train(book, 0.1),
            Train(book, 0.05),              // n = 9: floor = 3 takes in t2 (third best): promotable at last
            Train(book, 0.8, 0.85, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9), // t2 from epoch 1: top of rung 3 (n = 3), on to 9
        };

        Assert.Equal(
            ["t000#1", "t001#1", "t002#1", "t001#2", "t003#1", "t004#1", "t005#1", "t006#1", "t007#1", "t008#1", "t002#2"],
            leases.Select(l => $"{TrialRecord.IdFor(l.Key.TrialNumber)}#{l.Key.Attempt}"));
        Assert.Equal(new ResumePoint("/store/1/1/epoch-1", 1), leases[3].ResumeFrom![0]);
        Assert.Equal(new ResumePoint("/store/2/1/epoch-1", 1), leases[10].ResumeFrom![0]);

        // Nothing left to promote or start: the paused trials end pruned and the sweep completes.
        Assert.Null(book.Lease("s/0", T0));
        Assert.Equal(SweepStatus.Completed, book.State.Status);
        var trials = book.State.Trials;
        Assert.Equal(TrialStatus.Completed, trials[2].Status);
        Assert.Equal(Enumerable.Range(1, 9), trials[2].Epochs.Select(e => e.Epoch));
        Assert.All(trials.Where(t => t.Number != 2), t => Assert.Equal(TrialStatus.Pruned, t.Status));
        Assert.Equal([1, 3, 9, 3, 1, 1, 1, 1, 1], trials.Select(t => t.Epochs.Length));
        Assert.Equal((2, 1), (trials[1].Pauses, trials[1].Promotions));
        Assert.Equal((1, 1), (trials[2].Pauses, trials[2].Promotions));
        Assert.Equal(1 + 1 + 1 + 2 + 3 + 5 + 8, book.State.EpochsTrained);
        Assert.Equal("paused at epoch 3, never promoted", trials[1].Message);

        var summary = RunSummary.Build(book.Snapshot(), T0)["scheduler"]!;
        Assert.Equal("pause", (string)summary["mode"]!);
        Assert.Equal(10, (int)summary["paused"]!);
        Assert.Equal(2, (int)summary["promoted"]!);
        Assert.Equal(8, (int)summary["pruned"]!);
    }

    [Fact]
    public void StopMode_JudgesOnArrivalAndNeverPromotes()
    {
        // The same first arrivals under today's rule: ceil(n/eta) lets the first ones through, and a
        // trial stopped at a rung stays stopped.
        var book = Book(SweepSpecWith(trials: 3, maxEpochs: 9) with { Scheduler = new SchedulerSpec(SchedulerType.Asha, 1, 3) });
        var first = book.Lease("s/0", T0)!;

        Assert.Equal(LeaseDirective.Continue, book.Report(first.Key, Epoch(1, 0.5), T0));
        Assert.Equal(LeaseDirective.Continue, book.Report(first.Key, Epoch(2, 0.5), T0));
        Assert.Equal(LeaseDirective.Continue, book.Report(first.Key, Epoch(3, 0.5), T0));
        var second = book.Lease("s/1", T0)!;
        Assert.Equal(LeaseDirective.Continue, book.Report(second.Key, Epoch(1, 0.7), T0)); // rank 1 of 2: ceil(2/3) = 1
        var third = book.Lease("s/2", T0)!;
        Assert.Equal(LeaseDirective.Stop, book.Report(third.Key, Epoch(1, 0.1), T0));
        book.Finish(third.Key, new TrialFinish(TrialOutcome.Stopped, null, null, null, true), T0);

        Assert.Equal(TrialStatus.Pruned, book.State.Trials[2].Status);
        Assert.False(RunSummary.Build(book.Snapshot(), T0).ContainsKey("scheduler"));
    }

    [Fact]
    public void PromotedAttempts_DoNotCountAgainstTheRetryLimit()
    {
        // The policy allows two attempts; t1 is promoted twice (attempt 3) and still may be retried once.
        var book = Book(Spec(trials: 9));
        Train(book, 0.5);
        Train(book, 0.7);
        Train(book, 0.6);
        var promoted = book.Lease("s/0", T0)!;
        Assert.Equal(2, promoted.Key.Attempt);

        book.Tick(T0 + TimeSpan.FromSeconds(11)); // its silo died

        Assert.Equal(TrialStatus.Pending, book.State.Trials[1].Status);
        Assert.Equal(3, book.State.Trials[1].Attempt);
        Assert.Equal([1], book.State.Trials[1].Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void TrialToldToPause_WhoseSiloDiesFirst_IsPausedNotCancelled()
    {
        var book = Book(Spec(trials: 9));
        var lease = book.Lease("dead/0", T0)!;
        Assert.Equal(LeaseDirective.Stop, book.Report(lease.Key, Epoch(1, 0.5) with { ResumeCheckpoint = "/store/0/1/epoch-1" }, T0));

        book.Tick(T0 + TimeSpan.FromSeconds(11)); // no finish ever came

        var trial = book.State.Trials[0];
        Assert.Equal(TrialStatus.Paused, trial.Status);
        Assert.Equal(1, trial.Pauses);
        Assert.Equal([1], trial.Epochs.Select(e => e.Epoch));
    }

    [Fact]
    public void PromotionRule_FloorIsThePapers()
    {
        // rank <= floor(n / eta): nobody among the first two of a rung with eta 3; the best of three.
        Assert.False(PromotionRule.IsPromotable(better: 0, count: 2, eta: 3));
        Assert.True(PromotionRule.IsPromotable(better: 0, count: 3, eta: 3));
        Assert.False(PromotionRule.IsPromotable(better: 1, count: 5, eta: 3));
        Assert.True(PromotionRule.IsPromotable(better: 1, count: 6, eta: 3));
    }

    [Fact]
    public void Hyperband_PausesAndPromotesWithinEachBracket()
    {
        var hyperband = new HyperbandScheduler(graceEpochs: 1, reductionFactor: 3, maxEpochs: 9, SchedulerMode.Pause);
        // Trials dealt to the most aggressive bracket (rungs 1 and 3).
        var aggressive = Enumerable.Range(0, 40).Where(t => hyperband.BracketOf(t) == 0).Take(3).ToArray();

        Assert.Equal(SchedulerDecision.Pause, hyperband.OnReport(aggressive[0], 1, 0.9));
        Assert.Equal(SchedulerDecision.Pause, hyperband.OnReport(aggressive[1], 1, 0.5));
        Assert.Null(hyperband.NextPromotion(new Dictionary<int, int> { [aggressive[0]] = 1, [aggressive[1]] = 1 }));
        Assert.Equal(SchedulerDecision.Pause, hyperband.OnReport(aggressive[2], 1, 0.4));

        Assert.Equal(aggressive[0], hyperband.NextPromotion(new Dictionary<int, int> { [aggressive[0]] = 1, [aggressive[1]] = 1, [aggressive[2]] = 1 }));
    }
}
