namespace HyperSearch.Tests.Plugins;

/// <summary>
/// Builds this repository's plugin projects once per test run however many tests ask at once (two
/// builds of one project would share its obj/): the test trainers against the assemblies beside the
/// tests, the residual example against the packages (<see cref="LocalFeed"/>).
/// </summary>
public static class PluginBuilds
{
    private static readonly Dictionary<string, Task<Cli.Result>> Builds = [];

    /// <summary>tests/plugins/TestTrainers; returns the dll's path.</summary>
    public static Task<string> TestTrainersAsync() => BuildAsync(["tests", "plugins", "TestTrainers"], "TestTrainers.csproj", "HyperSearch.TestTrainers.dll");

    private static readonly Lazy<Task<(string Directory, Cli.Result Build)>> Residual =
        new(() => LocalFeed.BuildOutsideAsync(RepoFiles.PathOf("examples", "torchsharp-plugin")));

    /// <summary>
    /// examples/torchsharp-plugin, copied out of the clone and built against the packages of
    /// <see cref="LocalFeed"/>, once per test run: its directory and the build's result.
    /// </summary>
    public static Task<(string Directory, Cli.Result Build)> ResidualExampleBuildAsync() => Residual.Value;

    /// <summary>The residual example's dll, built as <see cref="ResidualExampleBuildAsync"/> says.</summary>
    public static async Task<string> ResidualExampleAsync()
    {
        var (directory, build) = await ResidualExampleBuildAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build ResidualTrainer.csproj: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");
        }

        return Path.Combine(directory, "bin", "Release", "net10.0", "ResidualTrainer.dll");
    }

    /// <summary>The build's result (one per test run), for tests that look at the build itself.</summary>
    public static Task<Cli.Result> BuildResultAsync(string project)
    {
        lock (Builds)
        {
            if (!Builds.TryGetValue(project, out var build))
            {
                build = Dotnet.BuildAsync(project, TimeSpan.FromMinutes(4));
                Builds[project] = build;
            }

            return build;
        }
    }

    private static async Task<string> BuildAsync(string[] directory, string project, string dll)
    {
        var folder = RepoFiles.PathOf(directory);
        var build = await BuildResultAsync(Path.Combine(folder, project));
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build {project}: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");
        }

        return Path.Combine(folder, "bin", "Release", "net10.0", dll);
    }
}
