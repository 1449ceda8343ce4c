using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;
using Orleans.Concurrency;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Runs the overfitting check of <c>hypersearch check</c>. Training never runs in a grain turn: a
/// dedicated thread trains (TorchSharp's dispose scopes and grad mode are per thread) while the
/// turn awaits its result. The request's data path is read only under the silo's <see cref="AllowedRoots"/>.
/// One activation per silo, not reentrant: at most one preflight thread per silo; further calls queue.
/// </summary>
[StatelessWorker(1)]
public sealed class PreflightGrain(SiloSettings settings, AllowedRoots roots) : Grain, IPreflightGrain
{
    public Task<PreflightReport> CheckOverfit(PreflightRequest request)
    {
        var done = new TaskCompletionSource<PreflightReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Run(request));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "preflight",
        };
        thread.Start();
        return done.Task;
    }

    private PreflightReport Run(PreflightRequest request)
    {
        string dataPath;
        try
        {
            dataPath = DataPaths.Require(roots, request.Data.Dataset, request.Data.Path);
        }
        catch (PathOutsideRootsException e)
        {
            return new PreflightReport(false, [], $"data.path: {e.Message}");
        }

        var data = new DataSetOptions(request.Data.Dataset, dataPath, request.Data.TrainSubset, request.Data.Validation, request.Data.SplitSeed);
        var options = new OverfitCheckOptions(request.Examples, request.MaxSteps);
        var device = DeviceSlots.Expand(settings).FirstOrDefault() ?? TrainingDevice.Auto;
        var attempts = new List<PreflightAttempt>();
        foreach (var candidate in request.Candidates)
        {
            OverfitCheckResult result;
            try
            {
                var parameters = candidate.ToDictionary(p => p.Key, p => p.Value.ToObject());
                result = OverfitCheck.Run(parameters, data, request.Seed, options, device);
            }
            catch (Exception e) when (e is InvalidTrainingConfigException or DataSetException or DeviceUnavailableException)
            {
                return new PreflightReport(false, [.. attempts], e.Message);
            }

            attempts.Add(new PreflightAttempt(
                candidate, result.Passed, result.Steps, result.InitialLoss, result.FinalLoss, result.FinalAccuracy, result.Summary));
            if (result.Passed)
            {
                return new PreflightReport(true, [.. attempts], null);
            }
        }

        return new PreflightReport(false, [.. attempts], null);
    }
}
