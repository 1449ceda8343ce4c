namespace HyperSearch.Spec;

/// <summary>Reads <c>trainer:</c> (<c>plugin</c>, <c>type</c>); absent, the spec uses the built-in trainer.</summary>
internal static class TrainerSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["plugin", "type"];

    public static TrainerSpec? Read(MappingReader trainer, SpecParseOptions options)
    {
        if (!trainer.IsPresent)
        {
            return null;
        }

        string? plugin = trainer.Text("plugin");
        string? type = trainer.Text("type");
        if (string.IsNullOrWhiteSpace(plugin))
        {
            trainer.Errors.Add(trainer.PathOf("plugin"), "required: the path of the plugin assembly (.dll)");
        }

        if (string.IsNullOrWhiteSpace(type))
        {
            trainer.Errors.Add(trainer.PathOf("type"), "required: the full name of the type that implements HyperSearch.Sdk.ITrainer");
        }

        return string.IsNullOrWhiteSpace(plugin) || string.IsNullOrWhiteSpace(type)
            ? null
            : new TrainerSpec(options.ResolvePath(plugin.Trim()), type.Trim());
    }
}
