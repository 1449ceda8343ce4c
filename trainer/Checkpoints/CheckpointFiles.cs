using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// The files of one checkpoint directory: the SDK's <see cref="EnsembleFiles"/> plus the toolbox's own. Probabilities are float32 [rows, classes] and labels int64
/// [rows] in NumPy's .npy format; validation rows are indices into the data set's training file.
/// </summary>
public static class CheckpointFiles
{
    /// <summary>JSON: configuration, preprocessing, data, epoch and figures (<see cref="CheckpointManifest"/>).</summary>
    public const string Manifest = "checkpoint.json";

    /// <summary>The best epoch's weights and buffers, TorchSharp's <c>Module.save</c> format.</summary>
    public const string Weights = "model.bin";

    public const string ValidationProbabilities = EnsembleFiles.ValidationProbabilities;
    public const string ValidationLabels = EnsembleFiles.ValidationLabels;
    public const string ValidationRows = "val_rows.npy";
    public const string TestProbabilities = EnsembleFiles.TestProbabilities;
    public const string TestLabels = EnsembleFiles.TestLabels;
}
