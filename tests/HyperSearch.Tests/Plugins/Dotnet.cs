namespace HyperSearch.Tests.Plugins;

/// <summary>Builds a plugin project with the <c>dotnet</c> command line, as a child process.</summary>
public static class Dotnet
{
    /// <summary>A build server outliving the test would hold the test host's console streams open.</summary>
    private static readonly Dictionary<string, string> BuildEnvironment = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="workingDirectory"/>.</summary>
    public static Task<Cli.Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        Cli.RunDotnetAsync(workingDirectory, timeout, BuildEnvironment, args);

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static Task<Cli.Result> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Cli.RunDotnetAsync(workingDirectory, timeout, new Dictionary<string, string>(BuildEnvironment.Concat(environment)), args);

    /// <summary>Builds a project in Release against the assemblies beside these tests (the host's own).</summary>
    public static Task<Cli.Result> BuildAsync(string project, TimeSpan timeout) =>
        RunAsync(
            Path.GetDirectoryName(Path.GetFullPath(project))!,
            timeout,
            "build",
            project,
            "-c",
            "Release",
            "-nologo",
            "-p:UseSharedCompilation=false",
            $"-p:HyperSearchBin={AppContext.BaseDirectory}");
}
