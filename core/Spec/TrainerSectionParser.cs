namespace HyperSearch.Spec;

/// <summary>
/// Reads <c>trainer:</c>: a plugin (<c>plugin</c>, <c>type</c>) or a training command
/// (<see cref="CommandSectionParser"/>); absent, the spec uses the built-in trainer.
/// </summary>
internal static class TrainerSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["plugin", "type", .. CommandSectionParser.Keys];

    public static TrainerSpec? Read(MappingReader trainer, SpecParseOptions options)
    {
        if (!trainer.IsPresent)
        {
            return null;
        }

        if (trainer.Contains("command"))
        {
            if (trainer.Contains("plugin") || trainer.Contains("type"))
            {
                trainer.Errors.Add(trainer.Path, "give either command or plugin and type, not both");
            }

            return CommandSectionParser.Read(trainer, options) is { } command ? new TrainerSpec(null, null, command) : null;
        }

        foreach (var key in CommandSectionParser.Keys.Where(trainer.Contains))
        {
            trainer.Errors.Add(trainer.PathOf(key), "only for a training command (trainer.command)");
        }

        string? plugin = trainer.Text("plugin");
        string? type = trainer.Text("type");
        if (string.IsNullOrWhiteSpace(plugin))
        {
            trainer.Errors.Add(trainer.PathOf("plugin"), "required: the path of the plugin assembly (.dll), or give a command");
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
