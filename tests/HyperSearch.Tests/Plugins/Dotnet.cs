using System.Diagnostics;

namespace HyperSearch.Tests.Plugins;

/// <summary>Runs the <c>dotnet</c> command line (a build of a plugin project) as a child process.</summary>
public static class Dotnet
{
    public static async Task<Cli.Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A build server outliving the test would hold the test host's console streams open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} ran past {timeout}: {await stdout}");
        }

        return new Cli.Result(process.ExitCode, await stdout, await stderr);
    }

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
