using HyperSearch.Sdk;
using HyperSearch.Trainer.Toolbox;

namespace HyperSearch.Trainer.Simulated;

/// <summary>
/// Stands in for the TorchSharp toolbox where the orchestration is what is measured: each epoch
/// waits <see cref="EpochDuration"/> (spread by <see cref="Jitter"/>) on a wait handle, using no
/// core while it waits, and reports a synthetic learning curve that depends on the trial's
/// parameters, so searchers and schedulers still have something to learn. Deterministic for the
/// same parameters and seed. It takes the toolbox's schema, so the same specs run on either.
/// </summary>
/// <remarks>
/// The curve: final validation accuracy 0.10 + 0.82 q, where q = 1 at lr = 1e-3 and falls off as a
/// Gaussian of one decade on the log scale, times mild penalties for weight_decay above 1e-3 and
/// dropout away from 0.2; each epoch closes 1 - e^(-1/2) of the gap to it, plus noise of 0.003.
/// Learning rates above 0.3 diverge in the first epoch.
/// <para/>
/// It runs on the slot's training thread like the real trainer, so the orchestration path measured
/// is the real one. A waiting thread costs no core and little memory, so 1,000 simulated slots are
/// 1,000 threads per process; bench/orchestration.sh measured about 130 MiB per silo of 333 slots.
/// Tasks instead of threads would save those threads, but would measure a path real trainers never take.
/// </remarks>
public sealed class SimulatedTrainer(TimeSpan epochDuration, double jitter = 0) : ITrainer
{
    public const double DivergentLearningRate = 0.3;

    private const double Chance = 0.10;

    public TimeSpan EpochDuration { get; } = epochDuration;

    /// <summary>0 to 1: an epoch waits <see cref="EpochDuration"/> times a factor in [1 - jitter, 1 + jitter], drawn by the trial's seed.</summary>
    public double Jitter { get; } = jitter;

    public TrainerSchema Schema => ToolboxSchema.Schema;

    /// <summary>The final validation accuracy the curve tends to for these parameters.</summary>
    public static double Plateau(TrialParameters parameters)
    {
        var lr = parameters.Real("lr", 1e-3);
        var quality = Bell(Math.Log10(lr) + 3, 1.0);
        var weightDecay = parameters.Real("weight_decay", 0);
        if (weightDecay > 1e-3)
        {
            quality *= Bell(Math.Log10(weightDecay) + 3, 1.0);
        }

        quality *= 1 - (0.2 * Math.Abs(parameters.Real("dropout", 0.2) - 0.2));
        return Chance + (0.82 * quality);
    }

    /// <summary>Runs the trial like the toolbox: every epoch goes to the reporter, which may stop it.</summary>
    public TrialResult Train(TrialContext context, IEpochReporter reporter)
    {
        var initialLoss = Math.Log(10);
        var lr = context.Parameters.Real("lr", 1e-3);
        var plateau = Plateau(context.Parameters);
        var noise = new Random(context.Seed);
        var wait = EpochDuration * (1 + (Jitter * ((2 * new Random(context.Seed ^ 0x5eed).NextDouble()) - 1)));
        EpochResult? last = null;
        var first = 1;
        if (context.ResumeFrom is { } resume)
        {
            // The curve is a function of the epoch and the noise drawn so far: draw the skipped
            // epochs' noise, and the resumed attempt continues the very same curve.
            for (var skipped = 1; skipped <= resume.Epoch; skipped++)
            {
                Gaussian(noise);
            }

            first = resume.Epoch + 1;
        }

        for (var epoch = first; epoch <= context.MaxEpochs; epoch++)
        {
            var started = DateTime.UtcNow;
            if (wait > TimeSpan.Zero && context.Cancellation.WaitHandle.WaitOne(wait))
            {
                return new TrialResult(TrialEnd.Stopped, epoch - 1, "aborted") { InitialLoss = initialLoss };
            }

            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            if (lr > DivergentLearningRate)
            {
                reporter.Report(new EpochResult(epoch, ToolboxSchema.Figures(double.NaN, double.NaN, Chance)) { Seconds = seconds });
                return new TrialResult(TrialEnd.Diverged, epoch, "loss is NaN (simulated)") { InitialLoss = initialLoss };
            }

            var accuracy = Math.Clamp(Chance + ((plateau - Chance) * (1 - Math.Exp(-epoch / 2.0))) + (0.003 * Gaussian(noise)), 0.01, 0.99);
            var valLoss = -Math.Log(accuracy);
            last = new EpochResult(epoch, ToolboxSchema.Figures(valLoss * 0.95, valLoss, accuracy))
            {
                Seconds = seconds,
                Diagnostics = new Dictionary<string, double> { ["lr"] = lr },
                ResumeCheckpoint = SaveResumable(context, epoch),
            };
            if (reporter.Report(last) == TrialDirective.Stop && epoch < context.MaxEpochs)
            {
                return new TrialResult(TrialEnd.Stopped, epoch) { InitialLoss = initialLoss };
            }
        }

        var test = last is null ? new Dictionary<string, double>() : new Dictionary<string, double>
        {
            ["test_accuracy"] = last.Metrics[ToolboxSchema.ValAccuracy.Name] - 0.005,
            ["test_loss"] = last.Metrics[ToolboxSchema.ValLoss.Name],
        };
        return new TrialResult(TrialEnd.Completed, context.MaxEpochs) { InitialLoss = initialLoss, TestMetrics = test };
    }

    /// <summary>A resumable checkpoint when one is due: the curve needs nothing but the epoch, which the seal records.</summary>
    private static string? SaveResumable(TrialContext context, int epoch) =>
        context.Checkpoints is { } checkpoints && checkpoints.IsDue(epoch, context.MaxEpochs)
            ? checkpoints.Save(epoch, directory => File.WriteAllText(Path.Combine(directory, "simulated.txt"), epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : null;

    private static double Bell(double x, double width) => Math.Exp(-(x * x) / (2 * width * width));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
