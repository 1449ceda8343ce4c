using System.Text.Json;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Tests.Roots;

/// <summary>
/// Ensemble manifests and checkpoints named by a client, called on the grains directly (no console
/// check in between): only what lies under the silo's roots is opened, and a refusal says nothing
/// about the file.
/// </summary>
public sealed class EvaluateRootsTests
{
    [Fact]
    public async Task Evaluate_ManifestOutsideTheRoots_IsRefusedAlikeWhetherItExistsOrNot()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await StartAsync(temp);
        var ensembles = silo.Grains.GetGrain<IEnsembleGrain>("evaluate");

        var existing = await Assert.ThrowsAsync<PathOutsideRootsException>(() => ensembles.Evaluate(outside.Secret));
        var missing = await Assert.ThrowsAsync<PathOutsideRootsException>(() => ensembles.Evaluate(outside.Missing));
        foreach (var system in new[] { "/etc/passwd", "/etc/shadow", "/etc" })
        {
            var refused = await Assert.ThrowsAsync<PathOutsideRootsException>(() => ensembles.Evaluate(system));
            Assert.Equal($"path is outside this silo's allowed roots: {system}", refused.Message);
        }

        Assert.Equal($"path is outside this silo's allowed roots: {outside.Secret}", existing.Message);
        Assert.Equal(existing.Message.Replace(outside.Secret, "P", StringComparison.Ordinal), missing.Message.Replace(outside.Missing, "P", StringComparison.Ordinal));
        Assert.DoesNotContain("hidden-hash", existing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_DotDotOrALinkOutOfTheArtifactStore_IsRefused()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await StartAsync(temp);
        var ensembles = silo.Grains.GetGrain<IEnsembleGrain>("evaluate");
        var store = silo.Settings.ArtifactDirectory!;
        Directory.CreateDirectory(store);
        var dotDot = Path.Combine(store, Path.GetRelativePath(store, outside.Secret));
        var fileLink = Path.Combine(store, "ensemble.json");
        File.CreateSymbolicLink(fileLink, outside.Secret);
        var directoryLink = Path.Combine(store, "shared");
        Directory.CreateSymbolicLink(directoryLink, Path.GetDirectoryName(outside.Secret)!);

        Assert.StartsWith(store, dotDot, StringComparison.Ordinal);
        foreach (var path in new[] { dotDot, fileLink, Path.Combine(directoryLink, "shadow"), Path.Combine(directoryLink, "absent") })
        {
            var refused = await Assert.ThrowsAsync<PathOutsideRootsException>(() => ensembles.Evaluate(path));
            Assert.Equal($"path is outside this silo's allowed roots: {path}", refused.Message);
        }
    }

    [Fact]
    public async Task Evaluate_ManifestInTheStoreNamingACheckpointOutside_IsRefusedBeforeLoadingAnything()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await StartAsync(temp);
        var manifest = WriteManifest(silo.Settings.ArtifactDirectory!, outside.CheckpointLike);

        var refused = await Assert.ThrowsAsync<PathOutsideRootsException>(() => silo.Grains.GetGrain<IEnsembleGrain>("evaluate").Evaluate(manifest));

        Assert.Equal($"path is outside this silo's allowed roots: {outside.CheckpointLike}", refused.Message);
    }

    [Fact]
    public async Task PredictTest_CheckpointOutsideTheRootsOrLinkedOut_IsRefused()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await StartAsync(temp);
        var evaluator = silo.Grains.GetGrain<IEvaluatorGrain>(0);
        // A checkpoint directory inside the store whose manifest file is a link to the secret.
        var linked = Path.Combine(silo.Settings.ArtifactDirectory!, "sweep", "trial-0001", "attempt-1");
        Directory.CreateDirectory(linked);
        File.CreateSymbolicLink(Path.Combine(linked, CheckpointFiles.Manifest), outside.Secret);

        foreach (var path in new[] { outside.CheckpointLike, outside.Missing, "/etc" })
        {
            var refused = await Assert.ThrowsAsync<PathOutsideRootsException>(() => evaluator.PredictTest(path));
            Assert.Equal($"path is outside this silo's allowed roots: {path}", refused.Message);
        }

        var link = await Assert.ThrowsAsync<PathOutsideRootsException>(() => evaluator.PredictTest(linked));
        Assert.Equal($"path is outside this silo's allowed roots: {Path.Combine(linked, CheckpointFiles.Manifest)}", link.Message);
    }

    [Fact]
    public async Task Evaluate_FileInsideTheRootsThatIsNoManifest_DoesNotQuoteIt()
    {
        using var temp = new TempDirectory();
        await using var silo = await StartAsync(temp);
        Directory.CreateDirectory(silo.Settings.ArtifactDirectory!);
        var notes = Path.Combine(silo.Settings.ArtifactDirectory!, "notes.json");
        File.WriteAllText(notes, OutsideFiles.SecretText);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => silo.Grains.GetGrain<IEnsembleGrain>("evaluate").Evaluate(notes));

        // System.Text.Json's own message would be "'r' is an invalid start of a value..."
        Assert.DoesNotContain("'r'", error.Message, StringComparison.Ordinal);
        Assert.Equal($"{notes}: not a readable ensemble manifest (not valid JSON)", error.Message);
    }

    [Fact]
    public async Task PredictTest_DirectoryInsideTheRootsThatIsNoCheckpoint_DoesNotQuoteIt()
    {
        using var temp = new TempDirectory();
        await using var silo = await StartAsync(temp);
        var directory = Path.Combine(silo.Settings.ArtifactDirectory!, "not-a-checkpoint");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, CheckpointFiles.Manifest), OutsideFiles.SecretText);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => silo.Grains.GetGrain<IEvaluatorGrain>(0).PredictTest(directory));

        Assert.Equal($"{Path.Combine(directory, CheckpointFiles.Manifest)}: not a readable checkpoint manifest (not valid JSON)", error.Message);
    }

    [Fact]
    public async Task Evaluate_ThroughAGateway_RefusesWithATypedUserError()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await StartAsync(temp);

        // The exception type survives the wire, so the console maps it to a user error by type.
        await using (var client = await ClusterConnection.ConnectAsync($"127.0.0.1:{silo.Settings.GatewayPort}", TestContext.Current.CancellationToken))
        {
            var refused = await Assert.ThrowsAsync<PathOutsideRootsException>(() => client.Grains.GetGrain<IEnsembleGrain>("evaluate").Evaluate(outside.Secret));
            Assert.Equal(outside.Secret, refused.Path);
        }

        var cli = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "evaluate", outside.Secret, "--gateway", $"127.0.0.1:{silo.Settings.GatewayPort}");

        Assert.Equal(2, cli.ExitCode);
        Assert.Equal([$"error: path is outside this silo's allowed roots: {outside.Secret}"], cli.ErrorLines);
    }

    private static Task<TestSilo> StartAsync(TempDirectory temp) =>
        TestSilo.StartAsync("roots", slots: 0, temp.Path, configure: s => s.DataRoot = Directory.CreateDirectory(Path.Combine(temp.Path, "data")).FullName);

    /// <summary>A well-formed manifest in the store whose one member lies at <paramref name="checkpoint"/>.</summary>
    private static string WriteManifest(string store, string checkpoint)
    {
        var path = Path.Combine(store, "ensembles", "crafted", "greedy-top1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var score = new { accuracy = 0.5, negativeLogLikelihood = 1.0 };
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            format = 1,
            sweepId = "crafted",
            method = "greedy",
            topK = 1,
            members = new[] { new { trialId = "trial-0001", weight = 1.0, checkpointPath = checkpoint } },
            validation = score,
            test = score,
            bestSingleTrialId = "trial-0001",
            bestSingleTest = score,
            createdUtc = DateTime.UtcNow,
        }));
        return path;
    }
}
