namespace HyperSearch.Tests.Plugins;

/// <summary><c>hypersearch new trainer</c>: the project it writes builds, and bad requests write nothing.</summary>
public sealed class NewTrainerCommandTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NewTrainer_WritesAProjectThatBuilds()
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "demo");

        var result = await Cli.RunAsync(temp.Path, Quick, "new", "trainer", "Demo", "--output", output);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdErr}");
        var sweep = File.ReadAllText(Path.Combine(output, "sweep.yaml"));
        Assert.Contains("type: Demo.PluginTrainer", sweep);
        Assert.Contains("name: demo", sweep);
        Assert.Contains("plugin: bin/Release/net10.0/Demo.dll", sweep);

        // Outside the repository, against the packages: the generated csproj must stand on its own.
        var build = await LocalFeed.BuildAsync(output);

        Assert.True(build.ExitCode == 0, $"dotnet build: exit {build.ExitCode}: {build.StdOut}{build.StdErr}");
        var bin = Path.Combine(output, "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(bin, "Demo.dll")), $"no Demo.dll in {bin}");
        // The host's copies are the ones that load; a plugin must not carry its own.
        Assert.False(File.Exists(Path.Combine(bin, "HyperSearch.Sdk.dll")));
        Assert.False(File.Exists(Path.Combine(bin, "TorchSharp.dll")));
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("my-trainer")]
    [InlineData("class")]
    public async Task NewTrainer_NameNotAnIdentifier_ExitsTwoAndWritesNothing(string name)
    {
        using var temp = new TempDirectory();
        var output = Path.Combine(temp.Path, "out");

        var result = await Cli.RunAsync(temp.Path, Quick, "new", "trainer", name, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(name, Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task NewTrainer_NonEmptyDirectory_ExitsTwoAndLeavesItAlone()
    {
        using var temp = new TempDirectory();
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "busy")).FullName;
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var result = await Cli.RunAsync(temp.Path, Quick, "new", "trainer", "Demo", "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", Assert.Single(result.ErrorLines));
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }
}
