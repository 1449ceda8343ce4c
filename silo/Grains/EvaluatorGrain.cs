using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Trainer.Checkpoints;
using Orleans.Concurrency;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Reloads a checkpoint and predicts its test set. TorchSharp's grad mode and dispose scopes are
/// per thread, so the work runs on a dedicated thread and the grain awaits it. Any client can call
/// it, so only checkpoints under the silo's <see cref="AllowedRoots"/> are opened.
/// </summary>
[StatelessWorker(1)]
public sealed class EvaluatorGrain(AllowedRoots roots) : Grain, IEvaluatorGrain
{
    /// <exception cref="PathOutsideRootsException">The checkpoint lies outside the roots.</exception>
    public Task<TestPrediction> PredictTest(string checkpointPath)
    {
        var given = checkpointPath;
        checkpointPath = roots.Require(given);
        var done = new TaskCompletionSource<TestPrediction>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                using var checkpoint = Checkpoint.Load(checkpointPath);
                var prediction = checkpoint.PredictTest();
                var (labels, _) = NpyFile.ReadInt64(Path.Combine(checkpointPath, CheckpointFiles.TestLabels));
                done.SetResult(new TestPrediction(prediction.Probabilities, prediction.Classes, Array.ConvertAll(labels, l => (int)l)));
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
}
