namespace HyperSearch.Sdk;

/// <summary>
/// The files in a trial's checkpoint directory that let it join an ensemble, in NumPy's .npy format
/// (version 1.0, little-endian, C order): class probabilities float32 [rows, classes], one row per
/// example in the same order for every trial of a sweep; labels int64 [rows]. Validation picks the
/// members and weights; test scores the ensemble against the best single model.
/// </summary>
public static class EnsembleFiles
{
    public const string ValidationProbabilities = "val_probabilities.npy";
    public const string ValidationLabels = "val_labels.npy";
    public const string TestProbabilities = "test_probabilities.npy";
    public const string TestLabels = "test_labels.npy";
}
