using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Sweeps;

/// <summary>Specs and helpers for driving a <see cref="SweepBook"/> by hand, with a clock the test owns.</summary>
internal static class SweepBookFixture
{
    public static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly SweepPolicy Policy = new(TimeSpan.FromSeconds(10), MaxAttempts: 2);

    public static SweepSpec SweepSpecWith(int trials, int maxEpochs = 3, int parallelism = 0, TimeSpan? timeLimit = null, ObjectiveSpec? objective = null) => new(
        "book",
        new DataSpec("synthetic", "", null, 100, 1),
        objective ?? new ObjectiveSpec("val_accuracy", ObjectiveMode.Max),
        new BudgetSpec(trials, maxEpochs, parallelism, timeLimit),
        new SearchSpec(SearchStrategy.Random, 11, 3, 3, 3),
        new SchedulerSpec(SchedulerType.None, 1, 3),
        [new ParameterSpec("lr", DistributionKind.LogUniform, 1e-4, 1e-1, [], [])],
        null);

    public static SweepBook Book(SweepSpec spec) => new(SweepBook.NewState("s1", spec, T0), Policy);

    public static EpochMetrics Epoch(int epoch, double accuracy = 0.8, double loss = 0.5) =>
        new(epoch, new() { ["train_loss"] = loss, ["val_loss"] = loss, ["val_accuracy"] = accuracy }, 1000, 1);

    public static TrialFinish Completed(double testAccuracy = 0.8) => new(TrialOutcome.Completed, new() { ["test_accuracy"] = testAccuracy, ["test_loss"] = 0.5 }, 2.3, null, true);

    /// <summary>Leases a trial and reports all its epochs, then finishes it.</summary>
    public static TrialKey RunToCompletion(SweepBook book, string slot, DateTime now, double accuracy = 0.8)
    {
        var lease = book.Lease(slot, now) ?? throw new InvalidOperationException("no lease");
        for (var epoch = 1; epoch <= lease.MaxEpochs; epoch++)
        {
            book.Report(lease.Key, Epoch(epoch, accuracy), now);
        }

        book.Finish(lease.Key, Completed(), now);
        return lease.Key;
    }
}
