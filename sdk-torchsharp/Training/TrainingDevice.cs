using System.Globalization;
using HyperSearch.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// The device a job trains on: <c>cpu</c>, <c>cuda</c> (the first GPU), <c>cuda:N</c>, or <c>auto</c>
/// (the first GPU when CUDA is available, else the CPU). CUDA needs a build against
/// TorchSharp-cuda-linux (<c>-p:TorchSharpBackend=cuda</c>); this build's package decides what
/// <see cref="IsCudaAvailable"/> says.
/// </summary>
public static class TrainingDevice
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    /// <summary>Checks the spelling and normalizes it (lower case, "cuda" for "cuda:0" stays as written).</summary>
    /// <exception cref="InvalidTrainingConfigException">Not auto, cpu, cuda or cuda:N.</exception>
    public static string Parse(string device)
    {
        var name = device.Trim().ToLowerInvariant();
        if (name is Auto or Cpu or Cuda || (name.StartsWith("cuda:", StringComparison.Ordinal) && CudaIndex(name) is not null))
        {
            return name;
        }

        throw new InvalidTrainingConfigException($"device: unknown value '{device}' (expected auto, cpu, cuda or cuda:N)");
    }

    /// <summary>Whether this process can train on a GPU (loads TorchSharp if needed).</summary>
    public static bool IsCudaAvailable()
    {
        TorchRuntime.EnsureInitializedOnThisThread();
        return cuda.is_available();
    }

    /// <summary>The torch device for <paramref name="device"/>, checked to exist here.</summary>
    /// <exception cref="InvalidTrainingConfigException">The name is not a device.</exception>
    /// <exception cref="DeviceUnavailableException">A GPU was asked for and this process has none (or not that one).</exception>
    public static Device Resolve(string device)
    {
        var name = Parse(device);
        if (name == Cpu || (name == Auto && !IsCudaAvailable()))
        {
            return CPU;
        }

        var index = name is Auto or Cuda ? 0 : CudaIndex(name)!.Value;
        if (!IsCudaAvailable())
        {
            throw new DeviceUnavailableException(
                $"device {name}: CUDA is not available in this process (this build uses {Backend}; a CUDA build needs " +
                "-p:TorchSharpBackend=cuda and an NVIDIA driver). Use device cpu or auto");
        }

        var count = cuda.device_count();
        if (index >= count)
        {
            throw new DeviceUnavailableException($"device {name}: this machine has {count} CUDA device(s), cuda:0 to cuda:{count - 1}");
        }

        InitializeDeviceType(DeviceType.CUDA);
        return new Device(DeviceType.CUDA, index);
    }

    /// <summary>The TorchSharp package this build references (TorchSharp-cpu or TorchSharp-cuda-linux).</summary>
    public static string Backend =>
        typeof(TrainingDevice).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchSharpBackend")?.Value ?? "TorchSharp-cpu";

    private static int? CudaIndex(string name) =>
        int.TryParse(name.AsSpan("cuda:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
}
