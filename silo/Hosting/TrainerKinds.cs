using HyperSearch.Trainer;

namespace HyperSearch.Silo.Hosting;

/// <summary>Checks <see cref="SiloSettings.Trainer"/> and its simulated-trainer settings (<see cref="BuiltInTrainers"/>).</summary>
public static class TrainerKinds
{
    public const string Torch = BuiltInTrainers.Torch;

    public const string Simulated = BuiltInTrainers.Simulated;

    public static bool IsSimulated(SiloSettings settings) => BuiltInTrainers.IsSimulated(settings.Trainer);

    /// <exception cref="FormatException">Neither torch nor simulated.</exception>
    public static void Validate(SiloSettings settings)
    {
        if (!BuiltInTrainers.Kinds.Contains(settings.Trainer, StringComparer.OrdinalIgnoreCase))
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
