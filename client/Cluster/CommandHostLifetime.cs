using Microsoft.Extensions.Hosting;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// The lifetime of the hosts a command starts (the embedded silo, the cluster client): it leaves
/// Ctrl-C and SIGTERM alone. The default console lifetime answered them by stopping the host under
/// the command still using it, so a signal outside <c>run</c>'s and <c>ui</c>'s own handling
/// (<see cref="Commands.StopSignals"/>: embedded start-up, the ensemble phase, <c>check</c>,
/// <c>ensemble</c>, ...) left a command calling a stopped silo instead of ending it. Without a
/// handler the signal ends the process the default way; the embedded silo's state is on disk, and
/// its next start pauses what was running.
/// </summary>
internal sealed class CommandHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
