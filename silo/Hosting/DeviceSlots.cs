using System.Globalization;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Silo.Hosting;

/// <summary>
/// Reads <see cref="SiloSettings.Devices"/> (or else <see cref="SiloSettings.Slots"/> slots on
/// <see cref="SiloSettings.Device"/>): which device each trainer slot of this silo trains on. Slot i
/// of the silo is the i-th entry of the expanded list ("cuda:0=2,cpu=1" gives cuda:0, cuda:0, cpu).
/// </summary>
public static class DeviceSlots
{
    /// <summary>
    /// Slots on one silo. Each slot is a thread and a share of a machine's cores or GPUs; far more than
    /// any machine has is a typo (100,000 slots once wrote 30 MB of errors before failing).
    /// </summary>
    public const int MaxSlots = 1024;

    /// <exception cref="FormatException">A malformed entry, an unknown device, a slot count below 1 or above <see cref="MaxSlots"/>.</exception>
    public static IReadOnlyList<string> Expand(SiloSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Devices))
        {
            if (settings.Slots > MaxSlots)
            {
                throw new FormatException($"Slots: at most {MaxSlots} slots per silo, got {settings.Slots}");
            }

            return Enumerable.Repeat(Parse(settings.Device, nameof(SiloSettings.Device)), Math.Max(0, settings.Slots)).ToArray();
        }

        var slots = new List<string>();
        foreach (var entry in settings.Devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', StringSplitOptions.TrimEntries);
            var count = 1;
            if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1)))
            {
                throw new FormatException($"Devices: '{entry}' is not DEVICE or DEVICE=SLOTS with SLOTS at least 1 (e.g. cuda:0=2,cpu=1)");
            }

            if (count > MaxSlots - slots.Count)
            {
                throw new FormatException($"Devices: at most {MaxSlots} slots per silo in all");
            }

            slots.AddRange(Enumerable.Repeat(Parse(parts[0], nameof(SiloSettings.Devices)), count));
        }

        return slots;
    }

    /// <summary>The device of the slot whose grain key is "{silo}/{index}"; "auto" for an index past the list.</summary>
    public static string Of(IReadOnlyList<string> devices, string slotId)
    {
        var slash = slotId.LastIndexOf('/');
        return int.TryParse(slotId.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < devices.Count
            ? devices[index]
            : TrainingDevice.Auto;
    }

    private static string Parse(string device, string setting)
    {
        try
        {
            return TrainingDevice.Parse(device);
        }
        catch (InvalidTrainingConfigException e)
        {
            throw new FormatException($"{setting}: {e.Message}", e);
        }
    }
}
