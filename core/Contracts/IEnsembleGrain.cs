using HyperSearch.Ensembles;
using Orleans.Concurrency;

namespace HyperSearch.Contracts;

/// <summary>
/// Builds ensembles from one sweep's finished trials (key: the sweep id) and re-evaluates saved
/// ones. Selection reads the probabilities each trial saved beside its checkpoint; re-evaluation
/// reloads the checkpoints on the silos' evaluators.
/// </summary>
[Alias("HyperSearch.IEnsembleGrain")]
public interface IEnsembleGrain : IGrainWithStringKey
{
    /// <summary>Selects members, scores the ensemble on the test set, saves its manifest.</summary>
    // Test-time augmentation predicts the members' test sets again on the evaluators: minutes for CNNs on a CPU.
    [Alias("Build"), ResponseTimeout("00:10:00")]
    Task<EnsembleReport> Build(EnsembleRequest request);

    /// <summary>The last ensemble built for this sweep, or null.</summary>
    // Interleaves with a Build in progress (which may take minutes): it only reads the stored report, replaced whole at the end of a build.
    [Alias("GetLatest"), AlwaysInterleave]
    Task<EnsembleReport?> GetLatest();

    /// <summary>Reloads a saved ensemble's member checkpoints, predicts the test set again and combines them.</summary>
    [Alias("Evaluate"), ResponseTimeout("00:10:00")]
    Task<EnsembleReport> Evaluate(string manifestPath);
}
