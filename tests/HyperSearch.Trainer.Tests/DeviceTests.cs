using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;
using TorchSharp;

namespace HyperSearch.Trainer.Tests;

/// <summary>This build is TorchSharp-cpu: CUDA is never available, and asking for it must say so clearly.</summary>
public sealed class DeviceTests
{
    // Before any tensor: torch's type initializer loads libtorch, which on Debian 12 needs the project's patch first.
    public DeviceTests() => TorchRuntime.EnsureInitializedOnThisThread();

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("CUDA:1")]
    public void Cuda_WithoutCuda_FailsClearly(string device)
    {
        var error = Assert.Throws<DeviceUnavailableException>(() => TrainingDevice.Resolve(device));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("TorchSharp-cpu", error.Message);
    }

    [Fact]
    public void TrialAskingForCuda_FailsBeforeTraining()
    {
        var observer = new RecordingObserver();
        var job = TestJobs.Job([]) with { Device = "cuda:0" };

        Assert.Throws<DeviceUnavailableException>(() => TrialTrainer.Run(job, observer, CancellationToken.None));
        Assert.Empty(observer.Reports);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void AutoAndCpu_AreTheCpuHere(string device)
    {
        Assert.Equal(DeviceType.CPU, TrainingDevice.Resolve(device).type);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    public void UnknownDevice_IsAConfigurationError(string device)
    {
        var error = Assert.Throws<InvalidTrainingConfigException>(() => TrainingDevice.Parse(device));

        Assert.Contains("expected auto, cpu, cuda or cuda:N", error.Message);
    }

    [Fact]
    public void AutoJob_Trains()
    {
        var result = TrialTrainer.Run(TestJobs.Job([]) with { Device = "auto" }, new RecordingObserver(), CancellationToken.None);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
    }
}
