namespace HyperSearch.Tests.Plugins;

/// <summary>
/// Builds this repository's plugin projects against the assemblies beside the tests (the same
/// HyperSearch.Sdk, HyperSearch.Trainer and TorchSharp the console and silos here load), once per
/// test run however many tests ask at once: two builds of one project would share its obj/.
/// </summary>
public static class PluginBuilds
{
    private static readonly Dictionary<string, Task<Cli.Result>> Builds = [];

    /// <summary>tests/plugins/TestTrainers; returns the dll's path.</summary>
    public static Task<string> TestTrainersAsync() => BuildAsync(["tests", "plugins", "TestTrainers"], "TestTrainers.csproj", "HyperSearch.TestTrainers.dll");

    /// <summary>examples/torchsharp-plugin; returns the dll's path.</summary>
    public static Task<string> ResidualExampleAsync() => BuildAsync(["examples", "torchsharp-plugin"], "ResidualTrainer.csproj", "ResidualTrainer.dll");

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
