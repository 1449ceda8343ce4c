namespace HyperSearch.Silo.Hosting;

/// <summary>The values of <see cref="SiloSettings.Trainer"/>.</summary>
public static class TrainerKinds
{
    public const string Torch = "torch";

    public const string Simulated = "simulated";

    public static bool IsSimulated(SiloSettings settings) =>
        string.Equals(settings.Trainer, Simulated, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="FormatException">Neither torch nor simulated.</exception>
    public static void Validate(SiloSettings settings)
    {
        if (!string.Equals(settings.Trainer, Torch, StringComparison.OrdinalIgnoreCase) && !IsSimulated(settings))
        {
            throw new FormatException($"Trainer: '{settings.Trainer}' is neither {Torch} nor {Simulated}");
        }

        if (settings.SimulatedEpochDuration < TimeSpan.Zero)
        {
            throw new FormatException("SimulatedEpochDuration: must not be negative");
        }

        if (settings.SimulatedEpochJitter is < 0 or > 1)
        {
            throw new FormatException("SimulatedEpochJitter: must lie between 0 and 1");
        }
    }
}
