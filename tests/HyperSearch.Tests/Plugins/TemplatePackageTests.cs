using System.Text.Json.Nodes;
using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Silo.Trainers;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// templates/ and the console's <c>silo</c> command, as a user outside the clone has them: the
/// HyperSearch.Templates package installs into <c>dotnet new</c> from the local feed and writes the
/// same files as <c>hypersearch new trainer</c>; the project builds against the packages; a sweep of
/// it runs embedded, then through the gateway of two <c>hypersearch silo</c> processes on a real
/// Redis, and both report the plugin's own metrics.
/// </summary>
public sealed class TemplatePackageTests
{
    private const string Name = "Shirts";

    [Fact]
    public async Task DotnetNewHypersearchTrainer_FromTheFeed_RunsEmbeddedAndOnTwoConsoleSilos()
    {
        var project = await CreateAsync();
        var build = await LocalFeed.BuildAsync(project);
        Assert.True(build.ExitCode == 0, $"dotnet build: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");

        var embedded = await Cli.RunAsync(project, TimeSpan.FromMinutes(3), "run", "sweep.yaml", "--json", "--slots", "2", "--state-dir", Path.Combine(project, "state"));

        Assert.True(embedded.ExitCode == 0, $"exit {embedded.ExitCode}: {embedded.StdErr}");
        AssertPluginSummary(JsonNode.Parse(embedded.OutLines[^1])!);

        using var redis = await RedisServer.StartAsync(project);
        // The plugin lies outside the silos' data root (their working directory): allow its project.
        using var s1 = await SiloProcess.StartFromConsoleAsync("c1", redis.Connection, project, "--extra-roots", project, "--allow-plugins", project);
        using var s2 = await SiloProcess.StartFromConsoleAsync("c2", redis.Connection, project, "--extra-roots", project, "--allow-plugins", project);
        // Read on the silos: the plugin's path must not depend on where the spec file lies.
        var dll = Path.Combine(project, "bin", "Release", "net10.0", Name + ".dll");
        var spec = Path.Combine(project, "cluster.yaml");
        File.WriteAllText(spec, File.ReadAllText(Path.Combine(project, "sweep.yaml")).Replace($"bin/Release/net10.0/{Name}.dll", dll, StringComparison.Ordinal));

        var clustered = await Cli.RunAsync(project, TimeSpan.FromMinutes(4), "run", spec, "--json", "--gateway", $"{s1.Gateway},{s2.Gateway}");

        Assert.True(clustered.ExitCode == 0, $"exit {clustered.ExitCode}: {clustered.StdErr}\n--- c1:\n{s1.Log}\n--- c2:\n{s2.Log}");
        var summary = JsonNode.Parse(clustered.OutLines[^1])!;
        AssertPluginSummary(summary);
        await using var client = await ClusterConnection.ConnectAsync(s1.Gateway, TestContext.Current.CancellationToken);
        var snapshot = await client.Grains.GetGrain<ISweepGrain>((string)summary["sweepId"]!).GetSnapshot();
        Assert.Equal(["c1", "c2"], snapshot.Trials.SelectMany(t => t.SlotHistory).Select(slot => slot.Split('/')[0]).Distinct().Order());
    }

    [Fact]
    public async Task ConsoleSilo_BadSetting_ExitsTwoWithOneLine()
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(1), "silo", "--slots", "zero");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'zero' at 'Slots'", Assert.Single(result.ErrorLines));
    }

    /// <summary>Installs the template package from the feed and runs <c>dotnet new hypersearch-trainer</c>; returns the project's directory.</summary>
    private static async Task<string> CreateAsync()
    {
        var feed = await LocalFeed.DirectoryAsync();
        // A home of its own: the template engine's cache, not the machine's.
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = LocalFeed.NewScratch("hypersearch-dotnet-home-") };
        var work = LocalFeed.NewScratch("hypersearch-template-");
        var package = Path.Combine(feed, $"HyperSearch.Templates.{SdkVersionCheck.HostVersion.ToString(3)}.nupkg");

        var install = await Dotnet.RunAsync(work, TimeSpan.FromMinutes(2), environment, "new", "install", package);
        Assert.True(install.ExitCode == 0, $"dotnet new install: exit {install.ExitCode}: {install.StdOut}{install.StdErr}");
        var create = await Dotnet.RunAsync(work, TimeSpan.FromMinutes(1), environment, "new", "hypersearch-trainer", "-n", Name);
        Assert.True(create.ExitCode == 0, $"dotnet new: exit {create.ExitCode}: {create.StdOut}{create.StdErr}");

        var project = Path.Combine(work, Name);
        string[] files = ["PluginSettings.cs", "PluginSteps.cs", "PluginTrainer.cs", "README.md", Name + ".csproj", "sweep.yaml"];
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(project).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // hypersearch new trainer is a shortcut to the same files.
        var shortcut = Path.Combine(work, "shortcut");
        var written = await Cli.RunAsync(work, TimeSpan.FromMinutes(1), "new", "trainer", Name, "--output", shortcut);
        Assert.True(written.ExitCode == 0, $"hypersearch new trainer: exit {written.ExitCode}: {written.StdErr}");
        Assert.All(files, file => Assert.Equal(File.ReadAllText(Path.Combine(project, file)), File.ReadAllText(Path.Combine(shortcut, file))));
        return project;
    }

    private static void AssertPluginSummary(JsonNode summary)
    {
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(4, (int?)summary["trials"]!["completed"]);
        // val_acc and test_acc are the plugin's names: the built-in trainer reports val_accuracy and test_accuracy.
        var metrics = summary["best"]!["metrics"]!.AsObject();
        Assert.InRange((double)metrics["val_acc"]!, 0.3, 1.0);
        Assert.InRange((double)metrics["test_acc"]!, 0.3, 1.0);
        Assert.NotEmpty(summary["ensemble"]!["members"]!.AsArray());
    }
}
