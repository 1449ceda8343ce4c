using HyperSearch.Sdk;

namespace HyperSearch.Sweeps;

/// <summary>
/// The wire and storage form of the SDK's <see cref="TrialEvent"/>: the SDK knows nothing of Orleans,
/// so its record crosses grain calls through this surrogate and stays one type in every layer.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.TrialEvent")]
public struct TrialEventSurrogate
{
    [Id(0)]
    public TrialEventKind Kind;

    [Id(1)]
    public int Epoch;

    [Id(2)]
    public string Message;
}

[RegisterConverter]
public sealed class TrialEventConverter : IConverter<TrialEvent, TrialEventSurrogate>
{
    public TrialEvent ConvertFromSurrogate(in TrialEventSurrogate surrogate) => new(surrogate.Kind, surrogate.Epoch, surrogate.Message);

    public TrialEventSurrogate ConvertToSurrogate(in TrialEvent value) => new() { Kind = value.Kind, Epoch = value.Epoch, Message = value.Message };
}
