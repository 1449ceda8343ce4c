using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// A trial's process in a process group of its own (<c>setsid</c>), led by a small <c>sh</c> guard
/// (<see cref="Guard"/>) that the kernel signals when the thread that started it dies
/// (<c>setpriv --pdeathsig USR1</c>): the guard then kills the whole group, so a SIGKILLed silo takes
/// its trials' processes and everything they started (data loader workers, a shell's children) with
/// it. Start it from the slot's own thread, which lives as long as the trial; stopping signals the
/// whole group.
/// </summary>
internal sealed partial class ProcessGroup : IDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>
    /// The group's leader: runs the command as its child and exits with its status. On SIGUSR1 (its
    /// parent thread died) it SIGKILLs the group, itself included; SIGTERM (a stop, sent to the whole
    /// group) it leaves to the command, which gets the default action back on exec, and goes on waiting
    /// for it. PR_SET_PDEATHSIG alone reaches only the one process it is set on.
    /// The command runs in the background, which gives it /dev/null as stdin unless stdin is
    /// redirected explicitly: <see cref="InputGuard"/> passes the guard's own stdin on.
    /// </summary>
    private const string Guard = """
        trap 'kill -s KILL 0' USR1
        trap ':' TERM
        "$@" &
        child=$!
        while :; do
          wait "$child"; status=$?
          kill -0 "$child" 2>/dev/null || break
        done
        exit "$status"
        """;

    /// <summary>The <see cref="Guard"/> for a command that reads its stdin (a persistent worker's trials).</summary>
    /// <remarks>(dash ignores a plain <c>&lt;&amp;0</c> there; a copy through descriptor 3 is honoured.)</remarks>
    private static readonly string InputGuard = Guard.Replace("\"$@\" &", "exec 3<&0\n\"$@\" <&3 3<&- &\nexec 3<&-", StringComparison.Ordinal);

    private static readonly string? Setpriv = FindTool("setpriv");
    private static readonly string? Setsid = FindTool("setsid");
    private static readonly string? Shell = FindTool("sh");

    private readonly Process _process;

    private ProcessGroup(Process process) => _process = process;

    public Process Process => _process;

    /// <summary>Whether its children die with this process and can be signalled as a group (util-linux present).</summary>
    public static bool Contained => Setpriv is not null && Setsid is not null && Shell is not null;

    /// <summary>Starts <paramref name="arguments"/> as described; <paramref name="configure"/> sets streams, directory and environment.</summary>
    /// <param name="readsInput">The command reads the host's writes on its stdin; otherwise its stdin is /dev/null.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public static ProcessGroup Start(IReadOnlyList<string> arguments, Action<ProcessStartInfo> configure, bool readsInput = false)
    {
        string[] chain = Contained
            ? [Setpriv!, "--pdeathsig", "USR1", Setsid!, Shell!, "-c", readsInput ? InputGuard : Guard, "hypersearch-trial", .. arguments]
            : [.. arguments];
        var start = new ProcessStartInfo(chain[0]);
        foreach (var argument in chain.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        configure(start);
        return new ProcessGroup(Process.Start(start) ?? throw new InvalidOperationException($"could not start {arguments[0]}"));
    }

    /// <summary>Asks the group to stop (SIGTERM), gives it <paramref name="grace"/>, then kills what is left (SIGKILL) and reaps the leader.</summary>
    public void Stop(TimeSpan grace)
    {
        Signal(SigTerm);
        _process.WaitForExit(grace);

        // Still running, or not: whatever is left in the group (workers, a shell's children) goes too.
        Kill();
    }

    /// <summary>SIGKILL to the whole group (what is left of it, when the leader has exited), then reaps the leader.</summary>
    public void Kill()
    {
        Signal(SigKill);
        if (!Contained && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose() => _process.Dispose();

    private void Signal(int signal)
    {
        if (Contained)
        {
            // The group's id is the leader's pid (setsid). ESRCH, when the group is already gone, is fine.
            _ = SendSignal(-_process.Id, signal);
        }
        else if (signal == SigKill && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    private static string? FindTool(string name) =>
        new[] { "/usr/bin", "/bin", "/usr/sbin", "/sbin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
