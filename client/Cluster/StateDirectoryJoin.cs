using System.Diagnostics;
using HyperSearch.Client.Commands;
using Microsoft.Extensions.Hosting;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// A command that found its state directory held by another process (<see cref="StateDirectoryLock"/>):
/// it joins that process's embedded silo as a client, so its sweep shares the slots there and the two
/// never write one state file. Refused, with one line naming the PID and <c>--state-dir</c>, when
/// that silo trains nothing and this command needs slots, or when it does not answer.
/// </summary>
internal static class StateDirectoryJoin
{
    /// <summary>How long a silo that holds the directory may take to publish itself and answer.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(40);

    /// <summary>A client of the holder's silo, or the lock itself when the holder ended meanwhile.</summary>
    /// <exception cref="UserErrorException">The directory is held by a process this command cannot join.</exception>
    public static async Task<JoinOutcome> JoinOrTakeAsync(EmbeddedSiloOptions options, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartWait;
        StateDirectoryOwner? last = null;
        while (true)
        {
            // A holder that has not published yet (or whose line is a dead process's) is starting.
            if (StateDirectoryLock.ReadOwner(options.StateDirectory) is { } owner && IsAlive(owner.Pid))
            {
                last = owner;
                if (options.Slots != 0 && owner.Slots == 0)
                {
                    throw Refused(options, owner, "which trains nothing (`hypersearch ui`, `report` or the like): stop it, or give this run another --state-dir");
                }

                try
                {
                    var client = await ClusterConnection.StartClientAsync(owner.Gateway, cancellationToken, TimeSpan.FromSeconds(10));
                    return new JoinOutcome(owner, client, null);
                }
                catch (ClusterUnavailableException)
                {
                    // Still starting, or it hangs: try again until the deadline.
                }
            }

            if (StateDirectoryLock.TryTake(options.StateDirectory) is { } taken)
            {
                return new JoinOutcome(null, null, taken);
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw last is null
                    ? new UserErrorException($"--state-dir {options.StateDirectory}: locked by another process that does not say which ({StateDirectoryLock.OwnerFileName} is missing); give this run another --state-dir")
                    : Refused(options, last, "whose silo does not answer: wait for it to end, or give this run another --state-dir");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static UserErrorException Refused(EmbeddedSiloOptions options, StateDirectoryOwner owner, string why) =>
        new($"--state-dir {options.StateDirectory} is in use by process {owner.Pid} (gateway {owner.Gateway}), {why}");

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>What <see cref="StateDirectoryJoin"/> got: a started client of <see cref="Owner"/>'s silo, or the lock.</summary>
internal sealed record class JoinOutcome(StateDirectoryOwner? Owner, IHost? Client, StateDirectoryLock? Lock);
