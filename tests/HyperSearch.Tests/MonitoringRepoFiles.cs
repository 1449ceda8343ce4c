namespace HyperSearch.Tests;

/// <summary>Files of this repository (dashboards, Prometheus configuration) found from the test binaries.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HyperSearch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no HyperSearch.sln above {AppContext.BaseDirectory}");
    }
}
