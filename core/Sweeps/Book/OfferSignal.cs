namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Whether idle slots should hear that work came back. A slot asked for a trial and got none; and
/// since then a trial may have come back (a finish, a re-queue, an expired lease). Nothing else
/// tells an idle slot, so with both the sweep has the registry offer itself again.
/// </summary>
internal sealed class OfferSignal
{
    private bool _turnedAway;
    private bool _trialsReturned;

    /// <summary>A slot asked for work and got none.</summary>
    public void TurnedAway() => _turnedAway = true;

    /// <summary>A trial came back, or leases may go out again for a reason outside the book.</summary>
    public void TrialsReturned() => _trialsReturned = true;

    /// <summary>
    /// True once each time slots were turned away and, since, a trial came back that a slot could
    /// lease now (<paramref name="mayLease"/>, asked only then). Only a finish, a re-queue or an
    /// expired lease arms it, so turned-away slots that ask again and are turned away again (a
    /// searcher that waits) cost one offer per such event, not a loop.
    /// </summary>
    public bool TakeDue(Func<bool> mayLease)
    {
        var due = _turnedAway && _trialsReturned && mayLease();
        _trialsReturned = false;
        _turnedAway &= !due;
        return due;
    }
}
