using System.Diagnostics;

namespace HyperSearch.Tests;

/// <summary>Runs the real `hypersearch` console (built next to the tests) as a child process.</summary>
public static class Cli
{
    public sealed record class Result(int ExitCode, string StdOut, string StdErr)
    {
        public string[] ErrorLines => StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string[] OutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunDotnetAsync(workingDirectory, timeout, new Dictionary<string, string>(), [Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), .. args]);

    /// <summary>Runs <c>dotnet ARGS</c> with these extra environment variables; killed (tree and all) past <paramref name="timeout"/>.</summary>
    public static Task<Result> RunDotnetAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcessAsync(workingDirectory, timeout, environment, "dotnet", args);

    /// <summary>Runs <paramref name="program"/> with <paramref name="args"/>; killed (tree and all) past <paramref name="timeout"/>.</summary>
    public static Task<Result> RunProcessAsync(string workingDirectory, TimeSpan timeout, string program, params string[] args) =>
        RunProcessAsync(workingDirectory, timeout, new Dictionary<string, string>(), program, args);

    private static async Task<Result> RunProcessAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, string program, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran past {timeout}: {await stdout}{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
