namespace HyperSearch.Tests.Commands;

/// <summary>What /proc says about a process.</summary>
public static class ProcessTable
{
    /// <summary>Whether the process exists and is not a zombie (state Z: dead, only not yet reaped).</summary>
    public static bool IsRunning(int pid)
    {
        var status = $"/proc/{pid}/status";
        try
        {
            return File.Exists(status) && !File.ReadAllLines(status).Any(l => l.StartsWith("State:", StringComparison.Ordinal) && l.Contains("Z (zombie)", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false; // gone while being read
        }
    }

    /// <summary>
    /// Whether the process is gone within <paramref name="timeout"/>: a SIGKILL is delivered
    /// asynchronously, so a process killed a moment ago may still be scheduled once to die.
    /// </summary>
    public static bool IsGoneWithin(int pid, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (IsRunning(pid))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    /// <summary>The pid a trial's script wrote into <paramref name="file"/>.</summary>
    public static int ReadPid(string file) => int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Running processes with <paramref name="argument"/> among their arguments.</summary>
    public static IReadOnlyList<int> RunningWithArgument(string argument) =>
        [.. Pids().Where(pid => Read($"/proc/{pid}/cmdline")?.Split('\0').Contains(argument) == true && IsRunning(pid))];

    /// <summary>Running processes whose working directory is <paramref name="directory"/> or below it.</summary>
    public static IReadOnlyList<int> RunningIn(string directory) =>
        [.. Pids().Where(pid => WorkingDirectory(pid) is { } cwd && (cwd == directory || cwd.StartsWith(directory + "/", StringComparison.Ordinal)) && IsRunning(pid))];

    /// <summary>A process's state, parent and command line, for a failure message.</summary>
    public static string Describe(int pid) =>
        $"{Read($"/proc/{pid}/stat")?.Trim()} [{Read($"/proc/{pid}/cmdline")?.Replace('\0', ' ').Trim()}]";

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : 0).Where(pid => pid > 0);

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? WorkingDirectory(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
