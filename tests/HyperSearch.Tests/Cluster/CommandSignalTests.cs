namespace HyperSearch.Tests.Cluster;

/// <summary>
/// A signal outside <c>run</c>'s and <c>ui</c>'s own handling ends the command the default way. Left
/// to the hosts' console lifetime, SIGTERM would stop the host under the command still using it, and
/// a command connecting to a cluster would blame the cluster ("cannot reach ...: A task was canceled", exit 1).
/// </summary>
public sealed class CommandSignalTests
{
    [Fact]
    public async Task TerminatedWhileConnecting_EndsAsTerminatedWithoutBlamingTheCluster()
    {
        using var temp = new TempDirectory();
        // Nothing listens on the discard port: the client keeps trying for its 15 s.
        using var status = ConsoleProcess.Start(temp.Path, "status", "some-sweep", "--gateway", "127.0.0.1:9");
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        status.Terminate();
        await status.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(128 + 15, status.ExitCode);
        Assert.DoesNotContain(status.ErrorLines, line => line.Contains("cannot reach"));
    }
}
