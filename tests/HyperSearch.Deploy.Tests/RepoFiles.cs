namespace HyperSearch.Deploy.Tests;

/// <summary>Paths into the repository the tests run from (found by walking up to the solution file).</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string K8s => Path.Combine(Root, "deploy", "k8s");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every manifest kubectl would apply from deploy/k8s (the kustomization is not one).</summary>
    public static IReadOnlyList<string> Manifests() =>
        Directory.EnumerateFiles(K8s, "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "HyperSearch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no HyperSearch.sln above {AppContext.BaseDirectory}");
    }
}
