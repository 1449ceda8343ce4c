using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Paths;
using HyperSearch.Silo.Ensembles;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Training;
using Orleans.Concurrency;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Reloads a checkpoint and predicts its test set. TorchSharp's grad mode and dispose scopes are
/// per thread, so the work runs on a dedicated thread and the grain awaits it. Any client can call
/// it, so only checkpoints under the silo's <see cref="AllowedRoots"/> are opened. One activation per
/// silo (<c>StatelessWorker(1)</c>), not reentrant: the next call starts only when this one's task
/// completes, so a silo runs at most one evaluation thread however many calls arrive; the rest queue.
/// </summary>
[StatelessWorker(1)]
public sealed class EvaluatorGrain(AllowedRoots roots) : Grain, IEvaluatorGrain
{
    /// <exception cref="PathOutsideRootsException">The checkpoint, a file in it, or its data set lies outside the roots.</exception>
    public Task<TestPrediction> PredictTest(string checkpointPath) => PredictTest(checkpointPath, TestTimeAugmentation.None);

    /// <exception cref="PathOutsideRootsException">The checkpoint, a file in it, or its data set lies outside the roots.</exception>
    public Task<TestPrediction> PredictTest(string checkpointPath, TestTimeAugmentation augmentation)
    {
        var given = checkpointPath;
        checkpointPath = roots.Require(given);
        var mirrored = augmentation == TestTimeAugmentation.Flip;
        string[] files = mirrored
            ? [CheckpointFiles.Manifest, CheckpointFiles.Weights, CheckpointFiles.TestLabels, CheckpointFiles.TestProbabilities]
            : [CheckpointFiles.Manifest, CheckpointFiles.Weights, CheckpointFiles.TestLabels];
        // Each file too: a link inside the checkpoint directory could point anywhere.
        foreach (var file in files)
        {
            roots.Require(Path.Combine(checkpointPath, file));
        }

        var done = new TaskCompletionSource<TestPrediction>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var checkpoint = Checkpoint.Load(checkpointPath);
                // The checkpoint names the data set it was trained on: a path like any other a client could write.
                var prediction = checkpoint.PredictTest(DataPaths.Require(roots, checkpoint.Manifest.Data.Name, checkpoint.Manifest.Data.Path), mirrored);
                done.SetResult(mirrored ? MeanWithSaved(checkpointPath, prediction) : Plain(checkpointPath, prediction));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = $"evaluate {Path.GetFileName(given)}" };
        thread.Start();
        return done.Task;
    }

    private static TestPrediction Plain(string checkpoint, Prediction prediction)
    {
        var (labels, _) = NpyFile.ReadInt64(Path.Combine(checkpoint, CheckpointFiles.TestLabels));
        return new TestPrediction(prediction.Probabilities, prediction.Classes, Array.ConvertAll(labels, l => (int)l));
    }

    /// <summary>The mirror images' prediction averaged with the plain one, which the trial saved beside its checkpoint: one forward pass, not two.</summary>
    private static TestPrediction MeanWithSaved(string checkpoint, Prediction mirrored)
    {
        var (saved, labels) = CheckpointProbabilities.Test(checkpoint);
        var mean = saved.MeanWith(new ProbabilityTable(mirrored.Probabilities, mirrored.Count, mirrored.Classes));
        return new TestPrediction(mean.Values, mean.Classes, labels);
    }
}
