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

    /// <summary>The pid a trial's script wrote into <paramref name="file"/>.</summary>
    public static int ReadPid(string file) => int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
