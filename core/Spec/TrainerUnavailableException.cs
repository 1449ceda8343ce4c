namespace HyperSearch.Spec;

/// <summary>A spec's trainer cannot be used: the plugin is missing, not an assembly, or its type is not a trainer.</summary>
/// <param name="Key">The spec key to blame: <c>trainer.plugin</c> or <c>trainer.type</c>.</param>
public sealed class TrainerUnavailableException(string key, string message) : Exception(message)
{
    public string Key { get; } = key;
}
