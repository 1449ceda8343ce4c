namespace HyperSearch.Core.Tests.Layout;

/// <summary>The repository's root, found from the test binaries (the folder holding HyperSearch.sln).</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HyperSearch.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no HyperSearch.sln above {AppContext.BaseDirectory}");
    }
}
