using System.Reflection;
using System.Runtime.Loader;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// Loads one plugin and its own dependencies (the NuGet packages beside it, found through its
/// <c>.deps.json</c>) in isolation, except the assemblies it shares with the host: the SDK, the
/// TorchSharp helpers (HyperSearch.Sdk.TorchSharp) and TorchSharp come from the host's context, so the plugin's
/// <c>ITrainer</c> is the host's <c>ITrainer</c> and tensors cross the boundary.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext($"plugin:{pluginPath}", isCollectible: false)
{
    /// <summary>Assemblies a plugin always takes from the host, whatever copies lie beside it.</summary>
    public static IReadOnlySet<string> Shared { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "HyperSearch.Sdk",
        "HyperSearch.Sdk.TorchSharp",
        "HyperSearch.Trainer",
        "TorchSharp",
    };

    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && (Shared.Contains(name) || IsLoadedByHost(assemblyName)))
        {
            return null; // the default context's copy
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;

    /// <summary>Framework and host assemblies already loaded stay unified (one System.Runtime, one Microsoft.Extensions.*).</summary>
    private static bool IsLoadedByHost(AssemblyName name) =>
        Default.Assemblies.Any(loaded => AssemblyName.ReferenceMatchesDefinition(loaded.GetName(), name)
            && loaded.GetName().Version >= name.Version);
}
