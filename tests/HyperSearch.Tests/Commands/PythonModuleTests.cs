using System.Diagnostics;

namespace HyperSearch.Tests.Commands;

/// <summary>The hypersearch Python module's own tests (python/tests), run with Debian's python3: its three modes in real subprocesses.</summary>
public sealed class PythonModuleTests
{
    [Fact]
    public async Task PythonModule_UnitTestsPass()
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "unittest", "discover", "-s", RepoFiles.PathOf("python", "tests"), "-v"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {errors}{await output}");
        Assert.Contains("OK", errors, StringComparison.Ordinal);
    }
}
