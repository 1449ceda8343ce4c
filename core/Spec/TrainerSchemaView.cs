using HyperSearch.Sdk;

namespace HyperSearch.Spec;

/// <summary>
/// The trainer schema a spec is checked against, or none: without a schema (the trainer could not
/// be resolved, or takes free-form parameters) every parameter name and value is accepted.
/// </summary>
internal sealed class TrainerSchemaView(TrainerSchema? schema)
{
    /// <summary>The schema parameters are checked against; null: any parameter is accepted.</summary>
    public TrainerSchema? Schema { get; } = schema is { AcceptsAnyParameter: true } ? null : schema;

    public IEnumerable<string> ParameterNames => Schema?.Parameters.Select(p => p.Name) ?? [];

    /// <summary>The rules for <paramref name="name"/>; null when the schema does not declare it.</summary>
    public ParameterRules? Find(string name) => Schema is null
        ? ParameterRules.FreeForm(name)
        : Schema.FindParameter(name) is { } definition ? ParameterRules.Of(definition) : null;

    public ParameterRules Rules(string name) => Find(name) ?? ParameterRules.FreeForm(name);
}
