using System.Diagnostics;

namespace HyperSearch.Tests;

/// <summary>
/// The `hypersearch` console as a child process that a test watches while it runs: every line of its
/// stdout and stderr as it comes, a wait for a line, Ctrl-C. (<see cref="Cli"/> runs one to its end.)
/// </summary>
public sealed class ConsoleProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _out = [];
    private readonly List<string> _error = [];

    private ConsoleProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Add(_out, e.Data);
        process.ErrorDataReceived += (_, e) => Add(_error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The console's process id.</summary>
    public int Id => _process.Id;

    /// <summary>What it printed on stdout so far (the human output without --json, the summary with it).</summary>
    public string[] OutLines => Copy(_out);

    /// <summary>What it printed on stderr so far (the human output with --json).</summary>
    public string[] ErrorLines => Copy(_error);

    public static ConsoleProcess Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "hypersearch.dll"), .. args];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        return new ConsoleProcess(Process.Start(start)!);
    }

    /// <summary>Waits until stdout or stderr has a line that <paramref name="found"/> accepts.</summary>
    public async Task WaitForLineAsync(Func<string, bool> found, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!OutLines.Concat(ErrorLines).Any(found))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {timeout} for a line; got:\n{string.Join('\n', OutLines.Concat(ErrorLines))}");
            if (_process.HasExited)
            {
                _process.WaitForExit(); // its last lines
                Assert.True(OutLines.Concat(ErrorLines).Any(found), $"exited ({_process.ExitCode}) without that line:\n{string.Join('\n', OutLines.Concat(ErrorLines))}");
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Ctrl-C (SIGINT), as a user at a terminal would.</summary>
    public void Interrupt() => Process.Start("kill", ["-INT", _process.Id.ToString()])!.WaitForExit();

    /// <summary>SIGTERM, as <c>kill</c>, <c>timeout</c>, <c>docker stop</c> or systemd send it.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        _process.WaitForExit(); // the last lines of output arrive after the exit
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    private static string[] Copy(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }
}
