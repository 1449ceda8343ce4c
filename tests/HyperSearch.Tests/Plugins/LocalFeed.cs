namespace HyperSearch.Tests.Plugins;

/// <summary>
/// The packages `dotnet pack` makes (HyperSearch.Sdk, HyperSearch.Sdk.TorchSharp, HyperSearch.Templates), packed from their
/// Release builds into a temporary folder feed once per test run, and plugin projects built against
/// that feed in directories outside the clone, as a user would build them.
/// </summary>
public static class LocalFeed
{
    /// <summary>Packed from their Release builds (--no-build): the same assemblies the console beside the tests loads.</summary>
    private static readonly string[][] Built =
    [
        ["sdk", "HyperSearch.Sdk.csproj"],
        ["sdk-torchsharp", "HyperSearch.Sdk.TorchSharp.csproj"],
    ];

    /// <summary>Content only, nothing to compile: packed as it is.</summary>
    private static readonly string[] Templates = ["templates", "HyperSearch.Templates.csproj"];

    private static readonly Lazy<Task<string>> Feed = new(PackAsync);

    /// <summary>
    /// One package folder for this run's plugin builds, new like the feed: no copy of an earlier pack
    /// of the same version can stand in, and TorchSharp and its dependencies are unpacked once.
    /// </summary>
    private static readonly Lazy<string> PackageFolder = new(() => NewScratch("hypersearch-nuget-packages-"));
    private static readonly List<string> Scratch = [];

    static LocalFeed() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteScratch();

    /// <summary>The feed folder, packed on first use.</summary>
    public static Task<string> DirectoryAsync() => Feed.Value;

    /// <summary>
    /// Copies a plugin project (its .cs, .csproj and .yaml files) into a new directory outside the
    /// clone and builds it there (<see cref="BuildAsync"/>).
    /// </summary>
    public static async Task<(string Directory, Cli.Result Build)> BuildOutsideAsync(string sourceDirectory)
    {
        var project = NewScratch("hypersearch-plugin-");
        foreach (var file in Directory.EnumerateFiles(sourceDirectory).Where(f => Path.GetExtension(f) is ".cs" or ".csproj" or ".yaml"))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }

        return (project, await BuildAsync(project));
    }

    /// <summary>
    /// Builds the plugin project in <paramref name="project"/> (outside the clone) in Release against
    /// the feed: writes its nuget.config and restores into this run's own package folder.
    /// </summary>
    public static async Task<Cli.Result> BuildAsync(string project)
    {
        File.WriteAllText(Path.Combine(project, "nuget.config"), NugetConfig(await DirectoryAsync()));
        return await Dotnet.RunAsync(
            project,
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackageFolder.Value },
            "build",
            "-c",
            "Release",
            "-nologo",
            "-p:UseSharedCompilation=false");
    }

    /// <summary>A new scratch directory outside the clone, removed when the test process exits.</summary>
    public static string NewScratch(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        lock (Scratch)
        {
            Scratch.Add(path);
        }

        return path;
    }

    /// <summary>Our packages from the feed only; everything else from nuget.org.</summary>
    public static string NugetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local"><package pattern="HyperSearch.*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private static async Task<string> PackAsync()
    {
        var feed = NewScratch("hypersearch-feed-");
        foreach (var package in Built)
        {
            await PackAsync(feed, package, "--no-build");
        }

        await PackAsync(feed, Templates);
        return feed;
    }

    private static async Task PackAsync(string feed, string[] project, params string[] options)
    {
        var pack = await Dotnet.RunAsync(RepoFiles.Root, TimeSpan.FromMinutes(3), ["pack", RepoFiles.PathOf(project), "-c", "Release", "-o", feed, "-nologo", .. options]);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack {project[^1]}: exit {pack.ExitCode}: {pack.StdOut}{pack.StdErr}");
        }
    }

    private static void DeleteScratch()
    {
        lock (Scratch)
        {
            foreach (var path in Scratch)
            {
                try
                {
                    Directory.Delete(path, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
