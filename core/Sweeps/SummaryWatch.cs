namespace HyperSearch.Sweeps;

/// <summary>The rules of <c>ISweepGrain.WatchSummary</c>, kept out of the grain so they are tested without a cluster.</summary>
public static class SummaryWatch
{
    /// <summary>Well under Orleans' 30 s response timeout.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>How often a waiting watch looks at the sweep: a field read, so cheap; and a watcher sees a change within it.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The most trials one page carries (a few hundred kB at most).</summary>
    public const int MaxPage = 1000;

    /// <summary>
    /// A watcher that knows <paramref name="knownVersion"/> learns something from <paramref name="summary"/>:
    /// the trial table moved, or nothing has been seen yet (a negative version). A store problem alone
    /// is not news (it would make a watch return at once, again and again): the watch's timeout brings it.
    /// </summary>
    public static bool HasNews(SweepSummary summary, long knownVersion) => knownVersion < 0 || summary.Version != knownVersion;
}
