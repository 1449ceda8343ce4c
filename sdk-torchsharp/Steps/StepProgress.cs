using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>The base class's part of an epoch checkpoint (<see cref="StepRun"/>): the loop's counters and the best epoch so far.</summary>
/// <param name="Epoch">Epochs trained.</param>
/// <param name="BestEpoch">The best epoch so far on the objective; null: none yet.</param>
/// <param name="TestMetrics">The best epoch's test figures.</param>
internal sealed record class StepProgress(int Epoch, int? BestEpoch, double BestScore, double? InitialLoss, Dictionary<string, double> TestMetrics)
{
    public const string File = "hypersearch.progress.json";

    public const string Shuffle = "hypersearch.shuffle.rng";

    /// <summary>The best epoch's ensemble files are kept in the checkpoint under this prefix.</summary>
    public const string EnsemblePrefix = "hypersearch.";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Write(string directory) => System.IO.File.WriteAllText(Path.Combine(directory, File), JsonSerializer.Serialize(this, Json));

    /// <exception cref="InvalidDataException">The file is missing or unreadable.</exception>
    public static StepProgress Read(string directory)
    {
        var path = Path.Combine(directory, File);
        if (!System.IO.File.Exists(path))
        {
            throw new InvalidDataException($"{directory} holds no {File}: not a checkpoint of a step trainer");
        }

        return JsonSerializer.Deserialize<StepProgress>(System.IO.File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
    }
}
