using System.Diagnostics;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// Spec files built to hurt whoever reads them: deep nesting (a stack overflow kills the process,
/// a silo among them), endless or blocking files. Each is a spec error (exit 2, one line), quickly.
/// </summary>
public sealed class HostileSpecTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static string DeepYaml => "name: deep\nspace:\n  x: { choice: " + new string('[', 60_000) + " }\n";

    [Fact]
    public async Task Validate_SixtyThousandNestedBrackets_IsASpecError()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("deep.yaml", DeepYaml);

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneSpecError(result, "nested deeper than 64");
    }

    [Fact]
    public async Task ValidateOnGateway_SixtyThousandNestedBrackets_LeavesTheSiloAlive()
    {
        using var temp = new TempDirectory();
        using var silo = await SiloProcess.StartAsync("deep", redis: null, temp.Path);
        var deep = temp.File("deep.yaml", DeepYaml);
        var good = temp.File("good.yaml", Specs.SmallYaml(trials: 1, epochs: 1));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", deep, "--gateway", silo.Gateway);
        var after = await Cli.RunAsync(temp.Path, Timeout, "validate", good, "--gateway", silo.Gateway);

        AssertOneSpecError(result, "nested deeper than 64");
        Assert.True(after.ExitCode == 0, $"the silo did not answer after the deep spec: exit {after.ExitCode}: {after.StdErr}\n{silo.Log}");
    }

    [Fact]
    public async Task Validate_DevZero_IsRefusedWithoutReadingIt()
    {
        using var temp = new TempDirectory();
        var clock = Stopwatch.StartNew();

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", "/dev/zero");

        AssertOneSpecError(result, "not a regular file");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Validate_Fifo_IsRefusedWithoutBlocking()
    {
        using var temp = new TempDirectory();
        var fifo = Path.Combine(temp.Path, "spec.yaml");
        var made = await Cli.RunProcessAsync(temp.Path, Timeout, "mkfifo", fifo);
        Assert.Equal(0, made.ExitCode);

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", fifo);

        AssertOneSpecError(result, "not a regular file");
    }

    [Fact]
    public async Task Validate_AFileBeyondTheLimit_IsRefusedWhileReading()
    {
        using var temp = new TempDirectory();
        var spec = Path.Combine(temp.Path, "big.yaml");
        using (var file = File.Create(spec))
        {
            file.SetLength(3L << 20); // 3 MiB of zero bytes, sparse
        }

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneSpecError(result, "larger than 1048576 bytes");
    }

    [Fact]
    public async Task Validate_DataFilesThatAreFifos_IsOneLineNotAHang()
    {
        using var temp = new TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(temp.Path, "fifo-data")).FullName;
        foreach (var file in new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
        {
            Assert.Equal(0, (await Cli.RunProcessAsync(temp.Path, Timeout, "mkfifo", Path.Combine(data, file))).ExitCode);
        }

        var spec = temp.File("fifo.yaml", Specs.SmallYaml(trials: 1).Replace("  train_subset: 1000", "  path: fifo-data\n  train_subset: 1000", StringComparison.Ordinal));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneSpecError(result, "not a regular file");
    }

    [Fact]
    public async Task Validate_APathHoldingANulCharacter_IsASpecError()
    {
        using var temp = new TempDirectory();
        var spec = temp.File("nul.yaml", Specs.SmallYaml(trials: 1).Replace("  train_subset: 1000", "  path: \"data\\u0000\"\n  train_subset: 1000", StringComparison.Ordinal));

        var result = await Cli.RunAsync(temp.Path, Timeout, "validate", spec);

        AssertOneSpecError(result, "NUL character");
    }

    private static void AssertOneSpecError(Cli.Result result, string says)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.True(line.Length < 400, line);
    }
}
