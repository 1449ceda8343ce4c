using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Checkpoints;

/// <summary>
/// Writes a checkpoint directory all at once: into a sibling temporary directory first, then renamed
/// into place, so a reader (an ensemble on another node) never sees half a checkpoint.
/// </summary>
internal static class CheckpointWriter
{
    /// <param name="model">Holding the weights to save (the best epoch's), on any device.</param>
    public static CheckpointSummary Write(
        string directory,
        CheckpointManifest manifest,
        nn.Module<Tensor, Tensor> model,
        PreparedDataSet data,
        Prediction validation,
        Prediction test)
    {
        var full = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{directory} has no parent directory", nameof(directory));
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            model.save(Path.Combine(temporary, CheckpointFiles.Weights));
            NpyFile.WriteFloat32(Path.Combine(temporary, CheckpointFiles.ValidationProbabilities), validation.Probabilities, validation.Count, validation.Classes);
            NpyFile.WriteFloat32(Path.Combine(temporary, CheckpointFiles.TestProbabilities), test.Probabilities, test.Count, test.Classes);
            NpyFile.WriteInt64(Path.Combine(temporary, CheckpointFiles.ValidationLabels), Labels(data.Validation), data.Validation.Count);
            NpyFile.WriteInt64(Path.Combine(temporary, CheckpointFiles.TestLabels), Labels(data.Test), data.Test.Count);
            NpyFile.WriteInt64(Path.Combine(temporary, CheckpointFiles.ValidationRows), data.Split.Validation.Select(row => (long)row).ToArray(), data.Split.Validation.Length);
            manifest.Write(Path.Combine(temporary, CheckpointFiles.Manifest));
            if (Directory.Exists(full))
            {
                // A rerun of the same attempt (rare): the newer checkpoint wins.
                Directory.Delete(full, recursive: true);
            }

            Directory.Move(temporary, full);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        var m = manifest.Metrics;
        return new CheckpointSummary(full, manifest.Epoch, m.ValLoss, m.ValAccuracy, m.TestLoss, m.TestAccuracy);
    }

    private static long[] Labels(LabeledTensors data) => data.Labels.data<long>().ToArray();

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
