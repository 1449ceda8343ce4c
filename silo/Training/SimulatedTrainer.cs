using HyperSearch.Trainer.Training;

namespace HyperSearch.Silo.Training;

/// <summary>
/// Stands in for <see cref="TrialTrainer"/> where the orchestration is what is measured: each epoch
/// waits <see cref="EpochDuration"/> (spread by <see cref="Jitter"/>) on a wait handle, using no
/// core while it waits, and reports a synthetic learning curve that depends on the trial's
/// parameters, so searchers and schedulers still have something to learn. Deterministic for the
/// same parameters and seed.
/// </summary>
/// <remarks>
/// The curve: final validation accuracy 0.10 + 0.82 q, where q = 1 at lr = 1e-3 and falls off as a
/// Gaussian of one decade on the log scale, times mild penalties for weight_decay above 1e-3 and
/// dropout away from 0.2; each epoch closes 1 - e^(-1/2) of the gap to it, plus noise of 0.003.
/// Learning rates above 0.3 diverge in the first epoch.
/// <para/>
/// It runs on the slot's training thread (<see cref="SlotThread"/>) like the real trainer, so the
/// orchestration path measured is the real one. A waiting thread costs no core and little memory,
/// so 1,000 simulated slots are 1,000 threads per process; bench/orchestration.sh measured about
/// 130 MiB per silo of 333 slots. Tasks instead of threads would save those threads, but would
/// measure a path real trainers never take.
/// </remarks>
public sealed class SimulatedTrainer(TimeSpan epochDuration, double jitter = 0)
{
    public const double DivergentLearningRate = 0.3;

    private const double Chance = 0.10;

    public TimeSpan EpochDuration { get; } = epochDuration;

    /// <summary>0 to 1: an epoch waits <see cref="EpochDuration"/> times a factor in [1 - jitter, 1 + jitter], drawn by the trial's seed.</summary>
    public double Jitter { get; } = jitter;

    /// <summary>The final validation accuracy the curve tends to for these parameters.</summary>
    public static double Plateau(IReadOnlyDictionary<string, object> parameters)
    {
        var lr = Number(parameters, "lr", 1e-3);
        var quality = Bell(Math.Log10(lr) + 3, 1.0);
        var weightDecay = Number(parameters, "weight_decay", 0);
        if (weightDecay > 1e-3)
        {
            quality *= Bell(Math.Log10(weightDecay) + 3, 1.0);
        }

        quality *= 1 - (0.2 * Math.Abs(Number(parameters, "dropout", 0.2) - 0.2));
        return Chance + (0.82 * quality);
    }

    /// <summary>Runs the job like <see cref="TrialTrainer.Run"/>: every epoch goes to the observer, which may stop it.</summary>
    public TrainingResult Run(TrainingJob job, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        var initialLoss = Math.Log(10);
        var lr = Number(job.Parameters, "lr", 1e-3);
        var plateau = Plateau(job.Parameters);
        var noise = new Random(job.Seed);
        var wait = EpochDuration * (1 + (Jitter * ((2 * new Random(job.Seed ^ 0x5eed).NextDouble()) - 1)));
        EpochReport? last = null;
        for (var epoch = 1; epoch <= job.MaxEpochs; epoch++)
        {
            var started = DateTime.UtcNow;
            if (wait > TimeSpan.Zero && cancellationToken.WaitHandle.WaitOne(wait))
            {
                return new TrainingResult(TrainingOutcome.Stopped, epoch - 1, initialLoss, last, null, null, "aborted");
            }

            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            if (lr > DivergentLearningRate)
            {
                last = new EpochReport(epoch, double.NaN, double.NaN, Chance, 0, seconds);
                observer.OnEpoch(last);
                return new TrainingResult(TrainingOutcome.Diverged, epoch, initialLoss, last, null, null, "loss is NaN (simulated)");
            }

            var accuracy = Math.Clamp(Chance + ((plateau - Chance) * (1 - Math.Exp(-epoch / 2.0))) + (0.003 * Gaussian(noise)), 0.01, 0.99);
            var valLoss = -Math.Log(accuracy);
            last = new EpochReport(epoch, valLoss * 0.95, valLoss, accuracy, 0, seconds)
            {
                Diagnostics = new Dictionary<string, double> { ["lr"] = lr },
            };
            if (observer.OnEpoch(last) == EpochDirective.Stop && epoch < job.MaxEpochs)
            {
                return new TrainingResult(TrainingOutcome.Stopped, epoch, initialLoss, last, null, null, null);
            }
        }

        var test = last?.ValAccuracy - 0.005;
        return new TrainingResult(TrainingOutcome.Completed, job.MaxEpochs, initialLoss, last, test, last?.ValLoss, null);
    }

    private static double Bell(double x, double width) => Math.Exp(-(x * x) / (2 * width * width));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Number(IReadOnlyDictionary<string, object> parameters, string name, double fallback) =>
        parameters.TryGetValue(name, out var value) ? value switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => fallback,
        } : fallback;
}
