using HyperSearch.Contracts;
using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Roots;

/// <summary>
/// Spec paths (data, plugin, command working directory) on a silo: refused outside its roots when a
/// spec is checked, when a preflight is asked for, and when a trial starts from a spec that no silo
/// checked (a client can start a sweep with any spec object).
/// </summary>
public sealed class SpecRootsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SpecCheck_DataOutsideTheRoots_IsRefusedAlikeWhetherItExistsOrNot()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await TestSilo.StartAsync("spec-roots", slots: 0, temp.Path);
        var checker = silo.Grains.GetGrain<ISpecGrain>(0);

        var existing = await checker.Check(WithDataPath(outside.CheckpointLike), baseDirectory: null);
        var missing = await checker.Check(WithDataPath(outside.Missing), baseDirectory: null);
        // A client may name any base directory: relative paths still end up checked.
        var based = await checker.Check(WithDataPath("."), baseDirectory: "/etc");

        Assert.Equal([$"data.path: path is outside this silo's allowed roots: {outside.CheckpointLike}"], existing.Errors);
        Assert.Equal([$"data.path: path is outside this silo's allowed roots: {outside.Missing}"], missing.Errors);
        Assert.Equal(["data.path: path is outside this silo's allowed roots: /etc"], based.Errors);
        Assert.Null(existing.Spec);
    }

    [Fact]
    public async Task SpecCheck_PluginOrWorkdirOutsideTheRoots_IsRefusedBeforeLoadingOrRunning()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await TestSilo.StartAsync("spec-roots", slots: 0, temp.Path);
        var checker = silo.Grains.GetGrain<ISpecGrain>(0);

        var plugin = await checker.Check(WithTrainer($"{{ plugin: {outside.Secret}, type: My.Trainer }}"), baseDirectory: null);
        var missingPlugin = await checker.Check(WithTrainer($"{{ plugin: {outside.Missing}, type: My.Trainer }}"), baseDirectory: null);
        var workdir = await checker.Check(WithTrainer($"{{ command: [sh, run.sh], workdir: {outside.CheckpointLike}, metrics: [score] }}"), baseDirectory: null);

        Assert.Equal([$"trainer.plugin: path is outside this silo's allowed roots: {outside.Secret}"], plugin.Errors);
        Assert.Equal([$"trainer.plugin: path is outside this silo's allowed roots: {outside.Missing}"], missingPlugin.Errors);
        Assert.Equal([$"trainer.workdir: path is outside this silo's allowed roots: {outside.CheckpointLike}"], workdir.Errors);
    }

    [Fact]
    public async Task SpecCheck_MissingDirectoryInsideTheRoots_StillSaysNotFound()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("spec-roots", slots: 0, temp.Path);

        var check = await silo.Grains.GetGrain<ISpecGrain>(0).Check(WithDataPath("nowhere"), baseDirectory: null);

        Assert.Equal([$"data.path: directory not found: {Path.Combine(temp.Path, "nowhere")}"], check.Errors);
    }

    [Fact]
    public async Task Preflight_DataOutsideTheRoots_IsAUserError()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await TestSilo.StartAsync("preflight-roots", slots: 0, temp.Path);
        var spec = Specs.Small(trials: 1);
        var request = new PreflightRequest([.. PreflightPlan.Candidates(spec)], spec.Data! with { Path = outside.CheckpointLike }, 1, 20, 10);

        var report = await silo.Grains.GetGrain<IPreflightGrain>(0).CheckOverfit(request);

        Assert.False(report.Passed);
        Assert.Empty(report.Attempts);
        Assert.Equal($"data.path: path is outside this silo's allowed roots: {outside.CheckpointLike}", report.Error);
    }

    [Fact]
    public async Task Sweep_StartedWithPathsOutsideTheRoots_FailsItsTrialsWithoutRetrying()
    {
        using var temp = new TempDirectory();
        using var outside = new OutsideFiles();
        await using var silo = await TestSilo.StartAsync("sweep-roots", slots: 1, temp.Path);
        var data = silo.Grains.GetGrain<ISweepGrain>("outside-data");
        var plugin = silo.Grains.GetGrain<ISweepGrain>("outside-plugin");

        await data.Start(Specs.Small(trials: 1) with { Data = Specs.Small(1).Data! with { Path = outside.CheckpointLike } });
        await plugin.Start(Specs.Small(trials: 1) with { Trainer = new TrainerSpec(outside.Secret, "My.Trainer") });
        var dataTrial = Assert.Single((await SweepWaiter.WaitFinishedAsync(data, Timeout)).Trials);
        var pluginTrial = Assert.Single((await SweepWaiter.WaitFinishedAsync(plugin, Timeout)).Trials);

        Assert.Equal((TrialStatus.Failed, 1), (dataTrial.Status, dataTrial.Attempt));
        Assert.Equal($"data.path: path is outside this silo's allowed roots: {outside.CheckpointLike}", dataTrial.Message);
        Assert.Equal((TrialStatus.Failed, 1), (pluginTrial.Status, pluginTrial.Attempt));
        Assert.Equal($"trainer.plugin: path is outside this silo's allowed roots: {outside.Secret}", pluginTrial.Message);
    }

    private static string WithDataPath(string path) =>
        Specs.SmallYaml(trials: 1).Replace("  train_subset: 1000", $"  path: {path}\n  train_subset: 1000", StringComparison.Ordinal);

    private static string WithTrainer(string trainer) => $$"""
        name: trainer-roots
        trainer: {{trainer}}
        budget: { trials: 1, max_epochs: 1 }
        space:
          x: { value: 1 }
        """;
}
