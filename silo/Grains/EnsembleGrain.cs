using HyperSearch.Contracts;
using HyperSearch.Ensembles;
using HyperSearch.Paths;
using HyperSearch.Sdk;
using HyperSearch.Silo.Ensembles;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;

namespace HyperSearch.Silo.Grains;

/// <summary>
/// Builds and re-evaluates one sweep's ensembles. The arithmetic runs on the thread pool, not in the
/// grain turn; re-evaluation fans out to evaluator grains, one per silo. Manifests and checkpoints are
/// read only under the silo's <see cref="AllowedRoots"/>: any client can name any path.
/// </summary>
public sealed class EnsembleGrain(
    [PersistentState("ensemble", StorageNames.Sweeps)] IPersistentState<EnsembleState> state,
    SiloSettings settings,
    AllowedRoots roots) : Grain, IEnsembleGrain
{
    public async Task<EnsembleReport> Build(EnsembleRequest request)
    {
        var sweepId = this.GetPrimaryKeyString();
        var snapshot = await GrainFactory.GetGrain<ISweepGrain>(sweepId).GetSnapshot();
        // Checkpoint paths come from trial reports, which any client could send: keep those under the roots.
        var report = await Task.Run(() => EnsembleBuilder.Build(snapshot, request, Readable));
        if (request.Augmentation != TestTimeAugmentation.None)
        {
            report = report with { Augmented = await Augment(report, request.Augmentation) };
        }

        // The sweep id is the grain key, which a client chooses: "../.." in it must not move the manifest out of the store.
        var path = new AllowedRoots([ArtifactDirectory]).Require(EnsembleManifest.PathFor(ArtifactDirectory, sweepId, request));
        EnsembleManifest.From(report, DateTime.UtcNow).Write(path);
        state.State.Latest = report with { ManifestPath = path };
        await state.WriteStateAsync();
        return state.State.Latest;
    }

    public Task<EnsembleReport?> GetLatest() => Task.FromResult(state.State.Latest);

    /// <exception cref="PathOutsideRootsException">The manifest or one of its checkpoints lies outside the roots.</exception>
    /// <exception cref="InvalidDataException">The manifest is not one.</exception>
    public async Task<EnsembleReport> Evaluate(string manifestPath)
    {
        var manifest = EnsembleManifest.Read(roots.Require(manifestPath));
        foreach (var member in manifest.Members)
        {
            // Before any evaluator starts: nothing is loaded for a manifest that names a path outside.
            roots.Require(member.CheckpointPath);
        }

        var predictions = await Task.WhenAll(manifest.Members.Select(m => GrainFactory.GetGrain<IEvaluatorGrain>(0).PredictTest(m.CheckpointPath)));
        var test = ScoreReport.OfEnsemble(predictions.Select(p => p.Table()).ToList(), manifest.Members.Select(m => m.Weight).ToList(), predictions[0].Labels);
        return manifest.ToReport(manifestPath) with { Test = test };
    }

    /// <summary>The report's checkpoints predicted again with <paramref name="augmentation"/> on this silo's evaluator (the calls queue there), then combined as the report combines them.</summary>
    private async Task<AugmentedEnsembleReport> Augment(EnsembleReport report, TestTimeAugmentation augmentation)
    {
        var checkpoints = AugmentedCheckpoints.For(report);
        var paths = checkpoints.All;
        var predictions = await Task.WhenAll(paths.Select(p => GrainFactory.GetGrain<IEvaluatorGrain>(0).PredictTest(p, augmentation)));
        var byPath = paths.Zip(predictions).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        return await Task.Run(() => checkpoints.Score(augmentation, report.Members.Select(m => m.Weight).ToList(), byPath));
    }

    /// <summary>The checkpoint directory and each file the builder opens in it lie under the roots (a link could point anywhere).</summary>
    private bool Readable(string checkpoint) =>
        roots.Contains(checkpoint)
        && new[] { EnsembleFiles.ValidationProbabilities, EnsembleFiles.ValidationLabels, EnsembleFiles.TestProbabilities, EnsembleFiles.TestLabels }
            .All(file => roots.Contains(Path.Combine(checkpoint, file)));

    private string ArtifactDirectory => settings.ArtifactDirectory
        ?? throw new InvalidOperationException("this silo has no artifact directory (SiloSettings.ArtifactDirectory), so no checkpoints to ensemble");
}

[GenerateSerializer, Alias("HyperSearch.EnsembleState")]
public sealed class EnsembleState
{
    [Id(0)] public EnsembleReport? Latest { get; set; }
}
