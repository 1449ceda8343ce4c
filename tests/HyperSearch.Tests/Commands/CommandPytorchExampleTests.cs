using System.Text.Json.Nodes;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// examples/command-pytorch end to end through the console: a PyTorch script (Debian's python3-torch,
/// which .ci/run installs) as the trial, ASHA, and an ensemble built from the probabilities it saves.
/// </summary>
public sealed class CommandPytorchExampleTests
{
    [Fact]
    public async Task PytorchExample_RunsWithAshaAndAnEnsembleWithTestFigures()
    {
        Assert.True(
            PythonHasTorch(),
            "examples/command-pytorch needs PyTorch: apt-get install python3-torch (.ci/run and ./run-tests install it)");
        using var temp = new TempDirectory();

        var run = await Cli.RunAsync(
            temp.Path, TimeSpan.FromMinutes(5), "run", RepoFiles.PathOf("examples", "command-pytorch", "sweep.yaml"), "--json", "--slots", "2", "--state-dir", Path.Combine(temp.Path, "state"));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.StdErr}");
        var summary = JsonNode.Parse(run.OutLines[^1])!;
        Assert.Equal("completed", (string?)summary["status"]);
        var trials = summary["trials"]!;
        Assert.Equal(8, (int?)trials["total"]);
        Assert.True((int)trials["pruned"]! >= 1, summary.ToJsonString());
        Assert.Equal(8, (int)trials["completed"]! + (int)trials["pruned"]!);
        var best = summary["best"]!;
        Assert.Equal(3, (int?)best["epochs"]);
        Assert.InRange((double)best["metrics"]!["val_accuracy"]!, 0.75, 1.0);

        // The ensemble is scored on the script's test probabilities (10,000 test images), against
        // the best single member on the same rows.
        var ensemble = summary["ensemble"]!;
        var members = ensemble["members"]!.AsArray();
        Assert.NotEmpty(members);
        var ensembleTest = (double)ensemble["metrics"]!["test_accuracy"]!;
        var singleTest = (double)ensemble["bestSingle"]!["test_accuracy"]!;
        Assert.InRange(ensembleTest, 0.75, 1.0);
        Assert.InRange(singleTest, 0.75, 1.0);
        Assert.True(ensembleTest >= singleTest - 0.02, $"ensemble {ensembleTest} vs best single {singleTest}");
        var checkpoint = (string)best["checkpoint"]!;
        Assert.True(File.Exists(Path.Combine(checkpoint, "test_probabilities.npy")));
        Assert.True(File.Exists(Path.Combine(checkpoint, "params.json")));
    }

    /// <summary>Whether python3, or Debian's /usr/bin/python3 that train.py falls back to, imports torch.</summary>
    private static bool PythonHasTorch()
    {
        foreach (var python in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(python, ["-c", "import torch"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                });
                process!.WaitForExit(60_000);
                if (process.HasExited && process.ExitCode == 0)
                {
                    return true;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not on this machine: try the next one
            }
        }

        return false;
    }
}
