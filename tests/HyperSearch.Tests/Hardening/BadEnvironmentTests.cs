using System.Net;
using System.Net.Sockets;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// Problems with the machine or the flags, not the code: each is a user error (exit 2) with one line
/// naming the flag or key, and nothing on stdout, where `--json` output goes.
/// </summary>
public sealed class BadEnvironmentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_WithMetricsPortInUse_IsOneLineNamingTheFlag()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 1, epochs: 1));
        var port = TestSilo.FreePort();
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        var result = await Cli.RunAsync(temp.Path, Timeout, "run", spec, "--json", "--metrics-port", $"{port}", "--state-dir", Path.Combine(temp.Path, "state"));

        AssertOneLineUserError(result, "--metrics-port", "in use");
    }

    [Fact]
    public async Task Run_WithAStateDirThatCannotBeWritten_IsOneLineNamingTheFlag()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 1, epochs: 1));
        // A directory under a regular file can never be created, even by root (who ignores modes).
        var blocker = temp.File("not-a-directory", "x");

        var result = await Cli.RunAsync(temp.Path, Timeout, "run", spec, "--json", "--state-dir", Path.Combine(blocker, "state"));

        AssertOneLineUserError(result, "--state-dir", "cannot write");
        Assert.Equal("x", File.ReadAllText(blocker));
    }

    [Fact]
    public async Task Run_WithAHugeStateDirPath_IsOneShortLine()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 1, epochs: 1));

        var result = await Cli.RunAsync(temp.Path, Timeout, "run", spec, "--json", "--state-dir", new string('d', 10_000));

        AssertOneLineUserError(result, "--state-dir", "too long");
        Assert.True(result.StdErr.Length < 500, $"{result.StdErr.Length} characters of error");
    }

    [Fact]
    public async Task Run_WithTooManySlots_IsOneLineNamingTheFlag()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("small.yaml", Specs.SmallYaml(trials: 1, epochs: 1));

        var result = await Cli.RunAsync(temp.Path, Timeout, "run", spec, "--json", "--slots", "100000", "--state-dir", Path.Combine(temp.Path, "state"));

        AssertOneLineUserError(result, "--slots", "1024");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public async Task ALongNameOrAHugeGrid_AreSpecErrors_ForValidateAndRunAlike(string command)
    {
        using var temp = new TempDirectory();
        var longName = temp.File("long.yaml", Specs.SmallYaml(trials: 1, epochs: 1).Replace("name: small", "name: " + new string('n', 10_000), StringComparison.Ordinal));
        var grid = temp.File("grid.yaml", Specs.SmallYaml(trials: 1, epochs: 1).Replace("search: { strategy: random, seed: 7 }", "search: { strategy: grid, grid_points: 100000000 }", StringComparison.Ordinal));
        string[] flags = command == "run" ? ["--json", "--state-dir", Path.Combine(temp.Path, "state")] : [];

        var name = await Cli.RunAsync(temp.Path, Timeout, [command, longName, .. flags]);
        var points = await Cli.RunAsync(temp.Path, Timeout, [command, grid, .. flags]);

        AssertOneLineUserError(name, "name", "at most 100 characters");
        AssertOneLineUserError(points, "search.grid_points", "at most 1000");
    }

    [Fact]
    public async Task Resume_WithAHugeSweepId_IsOneShortLine()
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunAsync(temp.Path, Timeout, "resume", new string('s', 10_000), "--json", "--state-dir", Path.Combine(temp.Path, "state"));

        AssertOneLineUserError(result, "sweep", "not a sweep id");
        Assert.True(result.StdErr.Length < 300, $"{result.StdErr.Length} characters of error");
    }

    private static void AssertOneLineUserError(Cli.Result result, string names, string says)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(names, line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }
}
