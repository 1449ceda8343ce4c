using System.Text.Json.Nodes;
using HyperSearch.Silo.Trainers;

namespace HyperSearch.Tests.Plugins;

/// <summary>
/// templates/: the HyperSearch.Templates package installs into <c>dotnet new</c> from the local feed,
/// writes the same files as <c>hypersearch new trainer</c>, and the project builds against the
/// packages outside the clone and runs a sweep that reports the plugin's own metrics.
/// </summary>
public sealed class TemplatePackageTests
{
    [Fact]
    public async Task DotnetNewHypersearchTrainer_FromTheFeed_BuildsAndRunsASweepWithItsOwnMetrics()
    {
        var feed = await LocalFeed.DirectoryAsync();
        // A home of its own: the template engine's cache, not the machine's.
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = LocalFeed.NewScratch("hypersearch-dotnet-home-") };
        var work = LocalFeed.NewScratch("hypersearch-template-");
        var package = Path.Combine(feed, $"HyperSearch.Templates.{SdkVersionCheck.HostVersion.ToString(3)}.nupkg");

        var install = await Dotnet.RunAsync(work, TimeSpan.FromMinutes(2), environment, "new", "install", package);
        Assert.True(install.ExitCode == 0, $"dotnet new install: exit {install.ExitCode}: {install.StdOut}{install.StdErr}");
        var create = await Dotnet.RunAsync(work, TimeSpan.FromMinutes(1), environment, "new", "hypersearch-trainer", "-n", "Shirts");
        Assert.True(create.ExitCode == 0, $"dotnet new: exit {create.ExitCode}: {create.StdOut}{create.StdErr}");

        var project = Path.Combine(work, "Shirts");
        string[] files = ["PluginSettings.cs", "PluginSteps.cs", "PluginTrainer.cs", "README.md", "Shirts.csproj", "sweep.yaml"];
        Assert.Equal(files, Directory.GetFiles(project).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // hypersearch new trainer is a shortcut to the same files.
        var shortcut = Path.Combine(work, "shortcut");
        var written = await Cli.RunAsync(work, TimeSpan.FromMinutes(1), "new", "trainer", "Shirts", "--output", shortcut);
        Assert.True(written.ExitCode == 0, $"hypersearch new trainer: exit {written.ExitCode}: {written.StdErr}");
        Assert.All(files, file => Assert.Equal(File.ReadAllText(Path.Combine(project, file)), File.ReadAllText(Path.Combine(shortcut, file))));

        var build = await LocalFeed.BuildAsync(project);
        Assert.True(build.ExitCode == 0, $"dotnet build: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");

        var run = await Cli.RunAsync(project, TimeSpan.FromMinutes(3), "run", "sweep.yaml", "--json", "--slots", "2", "--state-dir", Path.Combine(project, "state"));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var summary = JsonNode.Parse(run.OutLines[^1])!.AsObject();
        Assert.Equal("completed", (string?)summary["status"]);
        Assert.Equal(4, (int?)summary["trials"]!["completed"]);
        var metrics = summary["best"]!["metrics"]!.AsObject();
        Assert.InRange((double)metrics["val_acc"]!, 0.3, 1.0);
        Assert.InRange((double)metrics["test_acc"]!, 0.3, 1.0);
        Assert.NotEmpty(summary["ensemble"]!["members"]!.AsArray());
    }
}
