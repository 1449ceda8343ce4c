using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using static HyperSearch.Core.Tests.Sweeps.SweepBookFixture;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>The sweep's bookkeeping with searchers that wait and learn, schedulers that stop, and an epoch budget.</summary>
public sealed class SweepBookStrategyTests
{
    private static SweepSpec CoarseToFine(int trials, int rounds, ParameterSpec? lr = null) => SweepSpecWith(trials, maxEpochs: 1) with
    {
        Search = new SearchSpec(SearchStrategy.CoarseToFine, 11, 3, rounds, TopK: 2),
        Space = [lr ?? new ParameterSpec("lr", DistributionKind.LogUniform, 1e-6, 1, [], [])],
    };

    private static SweepSpec Tpe(int trials) => SweepSpecWith(trials, maxEpochs: 1) with
    {
        Search = new SearchSpec(SearchStrategy.Tpe, 11, 3, 3, 3, StartupTrials: 3),
        Space = [new ParameterSpec("lr", DistributionKind.LogUniform, 1e-6, 1, [], []), new ParameterSpec("dropout", DistributionKind.Uniform, 0, 0.5, [], [])],
    };

    /// <summary>Accuracy peaks where lr = <paramref name="optimum"/>.</summary>
    private static double Accuracy(TrialLease lease, double optimum = 1e-3) =>
        1 - (0.05 * Math.Pow(Math.Log10(lease.Parameters["lr"].Number / optimum), 2));

    /// <summary>Leases the next trial and runs it to completion with an accuracy from its parameters.</summary>
    private static TrialLease RunNext(SweepBook book, double optimum = 1e-3)
    {
        var lease = book.Lease("a/0", T0) ?? throw new InvalidOperationException("no lease");
        for (int epoch = 1; epoch <= lease.MaxEpochs; epoch++)
        {
            book.Report(lease.Key, Epoch(epoch, Accuracy(lease, optimum)), T0);
        }

        book.Finish(lease.Key, Completed(), T0);
        return lease;
    }

    [Fact]
    public void Wait_CreatesNoTrialAndDoesNotExhaustTheSearch()
    {
        var book = Book(CoarseToFine(trials: 4, rounds: 2));
        var first = book.Lease("a/0", T0)!;
        var second = book.Lease("a/1", T0)!;

        Assert.Null(book.Lease("a/2", T0));
        Assert.Equal(2, book.State.Trials.Count);
        Assert.False(book.State.SearchExhausted);
        Assert.Equal(SweepStatus.Running, book.State.Status);

        book.Report(first.Key, Epoch(1), T0);
        book.Finish(first.Key, Completed(), T0);
        Assert.Null(book.Lease("a/0", T0));

        book.Report(second.Key, Epoch(1), T0);
        book.Finish(second.Key, Completed(), T0);
        var third = book.Lease("a/0", T0);

        Assert.NotNull(third);
        Assert.Equal(2, third!.Key.TrialNumber);
        Assert.Equal(2, book.Snapshot().Rounds!.Length);
    }

    [Fact]
    public void FailedTrials_StillEndTheirRound()
    {
        var book = Book(CoarseToFine(trials: 4, rounds: 2));
        var first = book.Lease("a/0", T0)!;
        var second = book.Lease("a/1", T0)!;
        book.Finish(first.Key, new TrialFinish(TrialOutcome.Failed, null, null, "bad config", Retryable: false), T0);
        book.Tick(T0 + TimeSpan.FromMinutes(1)); // the second slot died: its lease expires and runs out of attempts
        var retry = book.Lease("a/2", T0 + TimeSpan.FromMinutes(1))!;
        Assert.Equal(second.Key.TrialNumber, retry.Key.TrialNumber);
        book.Tick(T0 + TimeSpan.FromMinutes(2));

        Assert.Equal([TrialStatus.Failed, TrialStatus.Failed], book.State.Trials.Select(t => t.Status));
        Assert.NotNull(book.Lease("a/0", T0 + TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void CoarseToFine_SnapshotAndSummaryShowEveryRound()
    {
        var book = Book(CoarseToFine(trials: 9, rounds: 3));
        while (book.State.Status == SweepStatus.Running)
        {
            RunNext(book);
        }

        var snapshot = book.Snapshot();
        var summary = RunSummary.Build(snapshot, T0);

        Assert.Equal(SweepEndReason.TrialBudget, snapshot.EndReason);
        Assert.Equal([1, 2, 3], snapshot.Rounds!.Select(r => r.Round));
        var rounds = summary["rounds"]!.AsArray();
        Assert.Equal(3, rounds.Count);
        Assert.Equal(1e-6, rounds[0]!["ranges"]!["lr"]!["loguniform"]![0]!.GetValue<double>());
        Assert.True(rounds[2]!["ranges"]!["lr"]!["loguniform"]![0]!.GetValue<double>() > 1e-6);
        Assert.Null(RunSummary.Build(Book(SweepSpecWith(trials: 1)).Snapshot(), T0)["rounds"]);
    }

    [Fact]
    public void CoarseToFine_WideningTowardAnOutsideOptimum_IsAWarning()
    {
        var book = Book(CoarseToFine(trials: 60, rounds: 3, new ParameterSpec("lr", DistributionKind.LogUniform, 1e-6, 1e-3, [], [])));
        while (book.State.Status == SweepStatus.Running)
        {
            RunNext(book, optimum: 1e-1);
        }

        var warnings = RunSummary.Warnings(book.Snapshot());

        Assert.Contains(warnings, w => w.StartsWith("coarse-to-fine round 2: the best lr", StringComparison.Ordinal) && w.Contains("widened upward") && w.Contains("beyond the range the spec declared"));
        Assert.True(book.Snapshot().Best()!.Parameters["lr"].Number > 1e-3);
    }

    [Theory]
    [InlineData(SearchStrategy.CoarseToFine)]
    [InlineData(SearchStrategy.Tpe)]
    public void Restart_GivesTheSameNextProposals(SearchStrategy strategy)
    {
        var spec = strategy == SearchStrategy.Tpe ? Tpe(trials: 12) : CoarseToFine(trials: 12, rounds: 3);
        var uninterrupted = Book(spec);
        var interrupted = Book(spec);
        for (int i = 0; i < 6; i++)
        {
            RunNext(uninterrupted);
            RunNext(interrupted);
        }

        // Mid-round for coarse-to-fine (round 2 holds trials 4-7), past start-up for TPE.
        var restarted = new SweepBook(interrupted.State, Policy);
        for (int i = 0; i < 6; i++)
        {
            RunNext(uninterrupted);
            RunNext(restarted);
        }

        Assert.Equal(
            uninterrupted.State.Trials.Select(t => Describe(t.Parameters)),
            restarted.State.Trials.Select(t => Describe(t.Parameters)));
        Assert.Equal(SweepStatus.Completed, restarted.State.Status);
    }

    [Fact]
    public void Trials_RecordWhatProposedThem_AndTheSummarySaysWhenTheModelTookOver()
    {
        var book = Book(Tpe(trials: 6));
        for (int i = 0; i < 6; i++)
        {
            RunNext(book);
        }

        var search = RunSummary.Build(book.Snapshot(), T0)["search"]!;

        Assert.Equal(
            [ProposalSource.Random, ProposalSource.Random, ProposalSource.Random, ProposalSource.Model, ProposalSource.Model, ProposalSource.Model],
            book.State.Trials.Select(t => t.ProposedBy));
        Assert.Equal("tpe", (string?)search["strategy"]);
        Assert.Equal(3, (int?)search["proposedBy"]!["random"]);
        Assert.Equal(3, (int?)search["proposedBy"]!["model"]);
        Assert.Equal("t003", (string?)search["modelFrom"]);
    }

    [Fact]
    public void TpeSweep_LeasingInParallel_ShowsTheSearcherTheTrialsInFlight()
    {
        // The same sweep with and without the constant liar: three slots lease at once past start-up.
        string[] LeaseThree(bool liar)
        {
            var spec = Tpe(trials: 9);
            var book = Book(spec with { Search = spec.Search with { ConstantLiar = liar } });
            for (int i = 0; i < 6; i++)
            {
                RunNext(book);
            }

            var leases = new[] { book.Lease("a/0", T0)!, book.Lease("a/1", T0)!, book.Lease("a/2", T0)! };
            Assert.All(leases, l => Assert.Equal(ProposalSource.Model, book.State.Trials[l.Key.TrialNumber].ProposedBy));
            return leases.Select(l => Describe(l.Parameters)).ToArray();
        }

        var withLiar = LeaseThree(liar: true);
        var without = LeaseThree(liar: false);

        // Nothing is in flight for the first lease, so it is the same; the next two see it (and the
        // one after) only if the book hands the searcher its trials in flight.
        Assert.Equal(without[0], withLiar[0]);
        Assert.NotEqual(without[1..], withLiar[1..]);
    }

    [Fact]
    public void Restart_KeepsTheRoundsOfCoarseToFine()
    {
        var book = Book(CoarseToFine(trials: 9, rounds: 3));
        for (int i = 0; i < 7; i++)
        {
            RunNext(book);
        }

        var restarted = new SweepBook(book.State, Policy);

        Assert.Equal(
            book.Snapshot().Rounds!.Select(r => $"{r.Round}:{r.Space[0].Low}-{r.Space[0].High}"),
            restarted.Snapshot().Rounds!.Select(r => $"{r.Round}:{r.Space[0].Low}-{r.Space[0].High}"));
    }

    [Fact]
    public void EpochBudget_EndsTheSweepAndSaysSo()
    {
        var book = Book(SweepSpecWith(trials: 10, maxEpochs: 3) with { Budget = new BudgetSpec(10, 3, 0, null, Epochs: 5) });
        RunToCompletion(book, "a/0", T0);
        var second = book.Lease("a/0", T0)!;
        var third = book.Lease("a/1", T0)!;

        Assert.Equal(LeaseDirective.Continue, book.Report(second.Key, Epoch(1), T0));
        Assert.Equal(LeaseDirective.Stop, book.Report(third.Key, Epoch(1), T0));
        Assert.Equal(LeaseDirective.Stop, book.Heartbeat(second.Key, T0));
        Assert.Null(book.Lease("a/2", T0));
        book.Finish(second.Key, new TrialFinish(TrialOutcome.Stopped, null, null, null, true), T0);
        book.Finish(third.Key, new TrialFinish(TrialOutcome.Stopped, null, null, null, true), T0);

        Assert.Equal(SweepStatus.Completed, book.State.Status);
        Assert.Equal(SweepEndReason.EpochBudget, book.State.EndReason);
        Assert.Equal(5, book.State.EpochsTrained);
        Assert.Equal([TrialStatus.Completed, TrialStatus.Cancelled, TrialStatus.Cancelled], book.State.Trials.Select(t => t.Status));
    }

    [Fact]
    public void TrialBudget_ReachedFirst_IsTheEndReasonDespiteAnEpochBudget()
    {
        var book = Book(SweepSpecWith(trials: 2, maxEpochs: 3) with { Budget = new BudgetSpec(2, 3, 0, null, Epochs: 100) });
        RunToCompletion(book, "a/0", T0);
        RunToCompletion(book, "a/0", T0);

        Assert.Equal(SweepEndReason.TrialBudget, book.State.EndReason);
    }

    [Fact]
    public void AshaStop_EndsTheTrialPruned()
    {
        var book = Book(SweepSpecWith(trials: 2, maxEpochs: 9) with { Scheduler = new SchedulerSpec(SchedulerType.Asha, 1, 3) });
        RunToCompletion(book, "a/0", T0, accuracy: 0.9);
        var weak = book.Lease("a/0", T0)!;

        Assert.Equal(LeaseDirective.Stop, book.Report(weak.Key, Epoch(1, accuracy: 0.2), T0));
        book.Finish(weak.Key, new TrialFinish(TrialOutcome.Stopped, null, 2.3, null, true), T0);

        Assert.Equal(TrialStatus.Pruned, book.State.Trials[1].Status);
        Assert.Equal(10, book.State.EpochsTrained);
    }

    [Fact]
    public void Scheduler_JudgesLossObjectivesTheRightWayUp()
    {
        var spec = SweepSpecWith(trials: 2, maxEpochs: 9, objective: new ObjectiveSpec("val_loss", ObjectiveMode.Min)) with
        {
            Scheduler = new SchedulerSpec(SchedulerType.Asha, 1, 3),
        };
        var book = Book(spec);
        var first = book.Lease("a/0", T0)!;
        var second = book.Lease("a/1", T0)!;

        Assert.Equal(LeaseDirective.Continue, book.Report(first.Key, Epoch(1, loss: 0.9), T0));
        Assert.Equal(LeaseDirective.Continue, book.Report(second.Key, Epoch(1, loss: 0.3), T0));
    }

    private static string Describe(IReadOnlyDictionary<string, ParamValue> parameters) =>
        string.Join(" ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.ToObject()}"));
}
