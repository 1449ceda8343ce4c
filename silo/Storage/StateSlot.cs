namespace HyperSearch.Silo.Storage;

/// <summary>
/// What one slot file held (<see cref="StateFile.Read"/>). Missing and corrupt are kept apart: a
/// missing slot is nothing stored, a corrupt one is something stored and lost, which the reader must
/// never mistake for nothing.
/// </summary>
internal readonly record struct StateSlot(StateSlotKind Kind, long Sequence, byte[] Payload, string Problem)
{
    public static readonly StateSlot Missing = new(StateSlotKind.Missing, 0, [], "");

    public static StateSlot Whole(long sequence, byte[] payload) => new(StateSlotKind.Whole, sequence, payload, "");

    public static StateSlot Corrupt(string problem) => new(StateSlotKind.Corrupt, 0, [], problem);
}

internal enum StateSlotKind
{
    Missing,
    Corrupt,
    Whole,
}
