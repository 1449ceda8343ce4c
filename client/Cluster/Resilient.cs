namespace HyperSearch.Client.Cluster;

/// <summary>
/// Rides out a silo's death: while the cluster notices it (seconds) and re-activates its grains
/// elsewhere, calls to those grains fail; a watcher should retry them, not give up.
/// </summary>
public static class Resilient
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(90);

    /// <param name="waiting">Told each failure that will be retried, so a watcher can say it is waiting rather than look frozen.</param>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken, TimeSpan? patience = null, Action<Exception>? waiting = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTime.UtcNow < deadline)
            {
                waiting?.Invoke(e);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
