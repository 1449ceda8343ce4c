using HyperSearch.Sdk;
using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>
/// Writes the <see cref="EnsembleFiles"/> that let a trial join an ensemble: class probabilities
/// float32 [rows, classes] and labels int64 [rows], for the validation and the test set.
/// </summary>
public static class EnsembleOutputs
{
    /// <summary>
    /// Saves the four files into <paramref name="directory"/> (created if missing; other files in it
    /// are left alone). Each file is written beside its final name and renamed into place once all
    /// four are written, so a reader never sees a half-written file and a failed save leaves the
    /// previous files as they were.
    /// </summary>
    /// <param name="validationProbabilities">Softmax output [rows, classes], any device and floating type.</param>
    /// <param name="validationLabels">Class indices [rows], any integer type.</param>
    /// <returns>The full path of <paramref name="directory"/>, for <see cref="TrialResult.CheckpointDirectory"/>.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit together.</exception>
    public static string Save(string directory, Tensor validationProbabilities, Tensor validationLabels, Tensor testProbabilities, Tensor testLabels)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        using var scope = NewDisposeScope();
        var validation = ToRows(validationProbabilities, validationLabels, nameof(validationProbabilities));
        var test = ToRows(testProbabilities, testLabels, nameof(testProbabilities));
        return Write(directory, validation, test);
    }

    /// <summary>
    /// Saves the predictions <see cref="ModelEvaluator.Predict"/> made on
    /// <paramref name="data"/>'s validation and test sets, with their labels.
    /// </summary>
    /// <inheritdoc cref="Save(string, Tensor, Tensor, Tensor, Tensor)"/>
    public static string Save(string directory, PreparedDataSet data, Prediction validation, Prediction test)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        var validationRows = new PredictionRows(validation.Probabilities, validation.Classes, Labels(data.Validation));
        var testRows = new PredictionRows(test.Probabilities, test.Classes, Labels(data.Test));
        validationRows.Check(nameof(validation));
        testRows.Check(nameof(test));
        return Write(directory, validationRows, testRows);
    }

    private static string Write(string directory, PredictionRows validation, PredictionRows test)
    {
        if (validation.Classes != test.Classes)
        {
            throw new ArgumentException($"validation has {validation.Classes} classes, test {test.Classes}");
        }

        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        var files = new (string Name, Action<string> Write)[]
        {
            (EnsembleFiles.ValidationProbabilities, path => NpyFile.WriteFloat32(path, validation.Probabilities, validation.Count, validation.Classes)),
            (EnsembleFiles.ValidationLabels, path => NpyFile.WriteInt64(path, validation.Labels, validation.Count)),
            (EnsembleFiles.TestProbabilities, path => NpyFile.WriteFloat32(path, test.Probabilities, test.Count, test.Classes)),
            (EnsembleFiles.TestLabels, path => NpyFile.WriteInt64(path, test.Labels, test.Count)),
        };
        var temporary = files.Select(file => Path.Combine(full, $".{file.Name}.{Guid.NewGuid():N}.tmp")).ToArray();
        try
        {
            for (var i = 0; i < files.Length; i++)
            {
                files[i].Write(temporary[i]);
            }

            for (var i = 0; i < files.Length; i++)
            {
                File.Move(temporary[i], Path.Combine(full, files[i].Name), overwrite: true);
            }
        }
        finally
        {
            foreach (var path in temporary.Where(File.Exists))
            {
                File.Delete(path);
            }
        }

        return full;
    }

    private static PredictionRows ToRows(Tensor probabilities, Tensor labels, string name)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.dim() != 2 || labels.dim() != 1)
        {
            throw new ArgumentException(
                $"{name}: probabilities must be [rows, classes] and labels [rows] (got [{string.Join(", ", probabilities.shape)}] and [{string.Join(", ", labels.shape)}])");
        }

        // Inside the caller's dispose scope: the copies go when Save returns.
        var values = probabilities.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var classes = (int)probabilities.shape[1];
        var rows = new PredictionRows(values, classes, labels.detach().cpu().to_type(ScalarType.Int64).contiguous().data<long>().ToArray());
        rows.Check(name);
        return rows;
    }

    private static long[] Labels(LabeledTensors data) => data.Labels.data<long>().ToArray();
}
