using System.Reflection;
using HyperSearch.Sdk;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// Refuses a plugin built against another major version of HyperSearch.Sdk (or HyperSearch.Sdk.TorchSharp)
/// than this host's: the seam may have changed shape between them. The version is set once, in Directory.Build.props.
/// </summary>
public static class SdkVersionCheck
{
    private static readonly string[] Checked = ["HyperSearch.Sdk", "HyperSearch.Sdk.TorchSharp"];

    /// <summary>The host's version of the SDK assemblies (they share one).</summary>
    public static Version HostVersion { get; } = typeof(ITrainer).Assembly.GetName().Version ?? new Version(0, 0);

    /// <returns>One line naming both versions, or null when the plugin's references fit the host.</returns>
    public static string? Refusal(Assembly plugin) => Refusal(plugin.GetName().Name ?? "the plugin", plugin.GetReferencedAssemblies());

    public static string? Refusal(string plugin, IEnumerable<AssemblyName> references)
    {
        foreach (var reference in references)
        {
            if (reference.Name is { } name && Checked.Contains(name, StringComparer.OrdinalIgnoreCase)
                && reference.Version is { } version && version.Major != HostVersion.Major)
            {
                return $"{plugin} was built against {name} {Short(version)}, but this host has {Short(HostVersion)}: rebuild it against HyperSearch {HostVersion.Major}.x";
            }
        }

        return null;
    }

    private static string Short(Version version) => $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}";
}
