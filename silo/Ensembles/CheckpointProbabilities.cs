using HyperSearch.Ensembles;
using HyperSearch.Sdk;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Silo.Ensembles;

/// <summary>Reads the class probabilities and labels a trial saved beside its checkpoint (<see cref="EnsembleFiles"/>: plain files, no TorchSharp).</summary>
public static class CheckpointProbabilities
{
    public static (ProbabilityTable Probabilities, int[] Labels) Validation(string checkpoint) =>
        Read(checkpoint, EnsembleFiles.ValidationProbabilities, EnsembleFiles.ValidationLabels);

    public static (ProbabilityTable Probabilities, int[] Labels) Test(string checkpoint) =>
        Read(checkpoint, EnsembleFiles.TestProbabilities, EnsembleFiles.TestLabels);

    private static (ProbabilityTable, int[]) Read(string checkpoint, string probabilitiesFile, string labelsFile)
    {
        var (values, shape) = NpyFile.ReadFloat32(Path.Combine(checkpoint, probabilitiesFile));
        var (labels, _) = NpyFile.ReadInt64(Path.Combine(checkpoint, labelsFile));
        if (shape.Length != 2 || shape[0] != labels.Length)
        {
            throw new InvalidDataException($"{checkpoint}: {probabilitiesFile} has shape [{string.Join(", ", shape)}] for {labels.Length} labels");
        }

        return (new ProbabilityTable(values, (int)shape[0], (int)shape[1]), Array.ConvertAll(labels, l => (int)l));
    }
}
