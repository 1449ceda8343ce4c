using HyperSearch.Contracts;
using HyperSearch.Sdk;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Trainer.Checkpoints;
using HyperSearch.Trainer.Toolbox;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Tests;

/// <summary>The trainer toolbox seen from the cluster: its schema is what it trains, trials leave checkpoints and diagnostics.</summary>
public sealed class TrainerToolboxTests
{
    public static TheoryData<string> WordParameters => ["optimizer", "model", "activation", "lr_schedule", "init", "augment", "preprocess"];

    [Theory]
    [MemberData(nameof(WordParameters))]
    public void ToolboxSchema_EveryWordItAllowsTrains(string name)
    {
        var parameter = ToolboxSchema.Schema.FindParameter(name)!;

        Assert.NotEmpty(parameter.Words!);
        Assert.All(parameter.Words!, word => TrainingConfig.Parse(new Dictionary<string, object> { [name] = word }));
        Assert.False(Accepts(name, "no-such-word"));
    }

    [Fact]
    public void ToolboxSchema_RangesAreTheTrainersRanges()
    {
        // Every bound the schema states (and the spec enforces) is enforced the same way when a trial starts.
        foreach (var parameter in ToolboxSchema.Schema.Parameters.Where(p => p.Type is ParameterType.Real or ParameterType.Integer))
        {
            foreach (var (value, inside) in Probes(parameter))
            {
                object raw = parameter.Type == ParameterType.Integer ? (long)value : value;
                var accepted = Accepts(parameter.Name, raw);
                Assert.True(inside == accepted, $"{parameter.Name} = {value}: the schema says {(inside ? "valid" : "invalid")}, the trainer {(accepted ? "accepts" : "rejects")} it");
            }
        }
    }

    [Fact]
    public void DeviceSlots_ExpandsTheSilosDeviceList()
    {
        Assert.Equal(["auto", "auto", "auto"], DeviceSlots.Expand(new SiloSettings { Slots = 3 }));
        Assert.Equal(["cuda", "cuda"], DeviceSlots.Expand(new SiloSettings { Slots = 2, Device = "CUDA" }));
        Assert.Empty(DeviceSlots.Expand(new SiloSettings { Slots = 0 }));
        Assert.Equal(["cuda:0", "cuda:0", "cuda:1", "cpu"], DeviceSlots.Expand(new SiloSettings { Devices = "cuda:0=2, cuda:1, CPU=1" }));
        Assert.Equal("cuda:1", DeviceSlots.Of(["cuda:0", "cuda:1"], "silo-a/1"));
        Assert.Contains("DEVICE=SLOTS", Assert.Throws<FormatException>(() => DeviceSlots.Expand(new SiloSettings { Devices = "cpu=0" })).Message);
        Assert.Contains("expected auto, cpu, cuda or cuda:N", Assert.Throws<FormatException>(() => DeviceSlots.Expand(new SiloSettings { Devices = "tpu=2" })).Message);
    }

    [Fact]
    public void Silo_ConfiguredForCudaWithoutIt_FailsToStartSayingWhy()
    {
        using var temp = new TempDirectory();
        var settings = new SiloSettings
        {
            SiloName = "gpu-less",
            SiloPort = TestSilo.FreePort(),
            GatewayPort = TestSilo.FreePort(),
            StateDirectory = temp.Path,
            Devices = "cuda:0=1",
        };
        using var host = SiloHostBuilder.Build(settings);

        var error = Record.Exception(() => host.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult());

        Assert.NotNull(error);
        Assert.Contains("CUDA is not available", error.ToString());
    }

    [Fact]
    public async Task Trial_LeavesACheckpointDiagnosticsAndEvents()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("toolbox", slots: 1, temp.Path);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("toolbox");

        await sweep.Start(Specs.Small(trials: 1, epochs: 2));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, TimeSpan.FromMinutes(3));

        var trial = snapshot.Trials.Single();
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal(Path.Combine(temp.Path, "artifacts", "toolbox", "t000", "attempt-1"), trial.CheckpointPath);
        Assert.All(trial.Epochs, epoch =>
        {
            Assert.InRange(epoch.Diagnostics!["update_ratio.fc1"], 1e-6, 1.0);
            Assert.True(epoch.Diagnostics.ContainsKey("lr"));
        });
        Assert.Empty(trial.Events ?? []);

        using var checkpoint = Checkpoint.Load(trial.CheckpointPath!);
        var best = trial.Epochs.MaxBy(e => e.Get("val_accuracy"))!;
        Assert.Equal(best.Epoch, checkpoint.Manifest.Epoch);
        Assert.Equal(checkpoint.Manifest.Metrics.TestAccuracy, checkpoint.PredictTest().Evaluation.Accuracy);
        Assert.Equal("val_accuracy", checkpoint.Manifest.Metric);
        Assert.Equal(trial.Parameters["lr"].Number, checkpoint.Config.LearningRate);
        Assert.Equal("toolbox", (string?)RunSummary.TrialJson(trial)["checkpoint"]!.GetValue<string>().Split(Path.DirectorySeparatorChar)[^3]);
    }

    private static IEnumerable<(double Value, bool Inside)> Probes(ParameterDefinition parameter)
    {
        var step = parameter.Type == ParameterType.Integer ? 1.0 : 1e-9;
        if (parameter.Min is { } min)
        {
            yield return (min, parameter.MinInclusive);
            yield return (min - step, false);
            yield return (min + step, parameter.Max is not { } top || min + step < top);
        }

        if (parameter.Max is { } max)
        {
            yield return (max, parameter.MaxInclusive);
            yield return (max + step, false);
            yield return (max - step, parameter.Min is not { } bottom || max - step > bottom);
        }
    }

    private static bool Accepts(string name, object value)
    {
        try
        {
            TrainingConfig.Parse(new Dictionary<string, object> { [name] = value });
            return true;
        }
        catch (InvalidTrainingConfigException)
        {
            return false;
        }
    }
}
