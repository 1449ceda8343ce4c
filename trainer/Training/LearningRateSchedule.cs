namespace HyperSearch.Trainer.Training;

/// <summary>
/// The learning rate at each optimizer step, as a pure function of the step. Warm-up (optional)
/// rises linearly over the first <see cref="WarmupEpochs"/>: step i (0-based) takes lr x (i + 1) /
/// warm-up steps. After it, with t the epochs since warm-up ended (fractional: steps / steps per
/// epoch) and P the decay period in epochs:
/// <list type="bullet">
/// <item>constant: lr</item>
/// <item>step: lr x d^floor(t / P)</item>
/// <item>exponential: lr x d^(t / P)</item>
/// <item>inverse_time (1/t): lr / (1 + (1/d - 1) t / P), so also lr x d after one period</item>
/// <item>cosine: lr x (1 + cos(pi t / T)) / 2, with T the epochs after warm-up</item>
/// <item>cosine_restarts (SGDR, Loshchilov and Hutter 2017): the same fall from lr to 0 within each
/// cycle, then back to lr; the first cycle is P epochs and each next one m times the one before
/// (m = lr_cycle_multiplier), so with m = 2 cycles end P, 3P, 7P, ... epochs after warm-up</item>
/// </list>
/// where d is lr_decay (the factor after one period).
/// </summary>
public sealed class LearningRateSchedule
{
    public const string Constant = "constant";
    public const string Step = "step";
    public const string Exponential = "exponential";
    public const string InverseTime = "inverse_time";
    public const string Cosine = "cosine";
    public const string CosineRestarts = "cosine_restarts";

    public LearningRateSchedule(
        string kind, double baseRate, double decay, double periodEpochs, double warmupEpochs, int totalEpochs, int stepsPerEpoch, int cycleMultiplier = 1)
    {
        if (!Kinds.Contains(kind))
        {
            throw new InvalidTrainingConfigException($"lr_schedule: unknown value '{kind}' (expected one of: {string.Join(", ", Kinds)})");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleMultiplier, 1);
        Kind = kind;
        BaseRate = baseRate;
        Decay = decay;
        PeriodEpochs = periodEpochs;
        WarmupEpochs = warmupEpochs;
        TotalEpochs = totalEpochs;
        StepsPerEpoch = stepsPerEpoch;
        CycleMultiplier = cycleMultiplier;
    }

    public static IReadOnlyList<string> Kinds => Toolbox.ToolboxSchema.Schedule.Words!;

    public string Kind { get; }

    public double BaseRate { get; }

    public double Decay { get; }

    public double PeriodEpochs { get; }

    public double WarmupEpochs { get; }

    public int TotalEpochs { get; }

    public int StepsPerEpoch { get; }

    /// <summary>cosine_restarts: how much longer each cycle is than the one before.</summary>
    public int CycleMultiplier { get; }

    /// <summary>The schedule a configuration asks for, over <paramref name="totalEpochs"/> of <paramref name="stepsPerEpoch"/> steps.</summary>
    public static LearningRateSchedule For(TrainingConfig config, int totalEpochs, int stepsPerEpoch)
    {
        // By default the rate decays by lr_decay once per third of the epochs after warm-up.
        var afterWarmup = Math.Max(0, totalEpochs - config.WarmupEpochs);
        double period = config.LrStep ?? Math.Max(1, Math.Ceiling(afterWarmup / 3));
        return new LearningRateSchedule(
            config.Schedule, config.LearningRate, config.LrDecay, period, config.WarmupEpochs, totalEpochs, stepsPerEpoch, config.LrCycleMultiplier);
    }

    /// <summary>The learning rate of optimizer step <paramref name="step"/> (0-based, counted over the whole run).</summary>
    public double At(long step)
    {
        var warmupSteps = WarmupEpochs * StepsPerEpoch;
        if (step < warmupSteps)
        {
            return BaseRate * (step + 1) / warmupSteps;
        }

        var t = (step - warmupSteps) / StepsPerEpoch;
        return Kind switch
        {
            Step => BaseRate * Math.Pow(Decay, Math.Floor(t / PeriodEpochs)),
            Exponential => BaseRate * Math.Pow(Decay, t / PeriodEpochs),
            InverseTime => BaseRate / (1 + (((1 / Decay) - 1) * t / PeriodEpochs)),
            Cosine => BaseRate * (1 + Math.Cos(Math.PI * Math.Min(1, t / Math.Max(TotalEpochs - WarmupEpochs, 1e-9)))) / 2,
            CosineRestarts => BaseRate * (1 + Math.Cos(Math.PI * CyclePosition(t).Fraction)) / 2,
            _ => BaseRate,
        };
    }

    /// <summary>
    /// cosine_restarts: the epochs after warm-up at which each cycle ends (P, P + mP, ...), up to
    /// the end of the run; whole epochs when warm-up and P are.
    /// </summary>
    public IReadOnlyList<double> CycleEnds()
    {
        var ends = new List<double>();
        var length = PeriodEpochs;
        var end = length;
        while (end <= TotalEpochs - WarmupEpochs + 1e-9)
        {
            ends.Add(end);
            length *= CycleMultiplier;
            end += length;
        }

        return ends;
    }

    /// <summary>Which cycle <paramref name="t"/> (epochs after warm-up) falls in, counted from 0, and how far into it (0 to 1).</summary>
    public (int Cycle, double Fraction) CyclePosition(double t)
    {
        var start = 0.0;
        var length = PeriodEpochs;
        var cycle = 0;
        // Jump close with the closed form (geometric cycle lengths), then settle by stepping, so
        // rounding in the logarithm never misplaces a step that falls exactly on a boundary.
        if (t > length)
        {
            cycle = CycleMultiplier == 1
                ? (int)Math.Floor(t / length) - 1
                : (int)Math.Floor(Math.Log(1 + (t * (CycleMultiplier - 1) / length)) / Math.Log(CycleMultiplier)) - 1;
            cycle = Math.Max(0, cycle);
            start = CycleMultiplier == 1 ? cycle * length : length * (Math.Pow(CycleMultiplier, cycle) - 1) / (CycleMultiplier - 1);
            length *= Math.Pow(CycleMultiplier, cycle);
        }

        while (t >= start + length - 1e-9)
        {
            start += length;
            length *= CycleMultiplier;
            cycle++;
        }

        return (cycle, Math.Max(0, t - start) / length);
    }
}
