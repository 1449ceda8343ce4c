using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// What a checkpoint holds besides its tensors (<see cref="CheckpointFiles.Manifest"/>): enough to
/// rebuild the model, preprocess data exactly as in training, and know which epoch and figures it is.
/// </summary>
/// <param name="Format">Bumped when the layout changes incompatibly.</param>
/// <param name="Parameters">The trial's parameters as given (trainer names), re-parsed on load.</param>
/// <param name="Metric">What "best" meant: val_accuracy (highest) or val_loss (lowest).</param>
public sealed record class CheckpointManifest(
    int Format,
    string TrialId,
    int Epoch,
    int EpochsTrained,
    string Metric,
    CheckpointMetrics Metrics,
    JsonObject Parameters,
    CheckpointData Data,
    Preprocessing Preprocessing,
    int Seed,
    string Device,
    DateTime CreatedUtc)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <exception cref="InvalidDataException">Missing, unreadable or of another format.</exception>
    public static CheckpointManifest Read(string path)
    {
        CheckpointManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Never the reader's message: a JSON error quotes the file's text, and a silo may be asked
            // to read a file by a client that must not learn what is in it.
            throw new InvalidDataException($"{path}: not a readable checkpoint manifest{UnreadableManifest.Where(e)}", e);
        }

        if (manifest is null || manifest.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{path}: checkpoint format {manifest?.Format} is not {CurrentFormat}");
        }

        return manifest;
    }

    /// <summary>The parameters as the trainer takes them: numbers (whole ones as long), words, flags, integer lists.</summary>
    public IReadOnlyDictionary<string, object> TrainingParameters() =>
        Parameters.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Key, pair.Value));

    /// <summary>The parameters as JSON (what <see cref="Parameters"/> stores).</summary>
    public static JsonObject ParametersToJson(IReadOnlyDictionary<string, object> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, value) in parameters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json[name] = value switch
            {
                double x => JsonValue.Create(x),
                float x => JsonValue.Create((double)x),
                long x => JsonValue.Create(x),
                int x => JsonValue.Create((long)x),
                bool x => JsonValue.Create(x),
                string x => JsonValue.Create(x),
                IEnumerable<long> xs => new JsonArray(xs.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()),
                _ => throw new ArgumentException($"parameter {name}: cannot store a {value.GetType().Name}", nameof(parameters)),
            };
        }

        return json;
    }

    private static object ToPlain(string name, JsonNode? node) => node switch
    {
        JsonArray items => items.Select(item => item!.GetValue<long>()).ToArray(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            value.TryGetValue<long>(out var whole) ? whole : value.GetValue<double>(),
        _ => throw new InvalidDataException($"checkpoint parameter {name}: unexpected {node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"} value"),
    };
}

/// <summary>The checkpointed epoch's validation figures and the test figures of its weights.</summary>
public sealed record class CheckpointMetrics(double ValLoss, double ValAccuracy, double TestLoss, double TestAccuracy);

/// <summary>The data the checkpoint was trained on: what a loader needs to rebuild its inputs.</summary>
public sealed record class CheckpointData(
    string Name,
    string Path,
    int? TrainSubset,
    int Validation,
    int SplitSeed,
    int Classes,
    ImageShape Shape,
    int ValidationCount,
    int TestCount,
    bool ValidationInTraining = false)
{
    public DataSetOptions ToOptions() => new(Name, Path, TrainSubset, Validation, SplitSeed, ValidationInTraining);
}
