namespace HyperSearch.Spec;

/// <summary>
/// What a <c>when</c> condition can see while the space is read: every name in document order (to
/// tell "declared later" from "not declared"), the parameters read successfully so far and the
/// trainer schema they are checked against.
/// </summary>
internal sealed class SpaceSoFar(string[] names, TrainerSchemaView schema)
{
    public TrainerSchemaView Schema { get; } = schema;

    private readonly Dictionary<string, ParameterSpec> _declared = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ParameterSpec> Declared => _declared;

    public int IndexOf(string name) => Array.IndexOf(names, name);

    public void Add(ParameterSpec parameter) => _declared[parameter.Name] = parameter;
}
