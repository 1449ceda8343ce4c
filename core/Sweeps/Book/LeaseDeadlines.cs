namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Lease deadlines of running trials, by trial number. Kept apart from the records: heartbeats
/// move them every second or so, and a record that changed is a page to rewrite (at 1,000 slots
/// most of a sweep's writes were pages rewritten for heartbeats). Not persisted: after a restart
/// every running trial gets a fresh lease when first seen.
/// </summary>
internal sealed class LeaseDeadlines(TimeSpan leaseDuration)
{
    private readonly Dictionary<int, DateTime> _deadlines = [];

    /// <summary>Gives the trial a whole lease from <paramref name="now"/>.</summary>
    public void Renew(int trialNumber, DateTime now) => _deadlines[trialNumber] = now + leaseDuration;

    /// <summary>Forgets the trial's lease: it no longer runs.</summary>
    public void Release(int trialNumber) => _deadlines.Remove(trialNumber);

    /// <summary>
    /// Whether the running trial's lease ran out before <paramref name="now"/>. A trial with no
    /// deadline was running when the book was built from stored state: its trainer gets a whole
    /// lease to speak up.
    /// </summary>
    public bool HasExpired(int trialNumber, DateTime now)
    {
        if (!_deadlines.TryGetValue(trialNumber, out var deadline))
        {
            Renew(trialNumber, now);
            return false;
        }

        return deadline < now;
    }
}
