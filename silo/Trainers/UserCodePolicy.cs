using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;
using HyperSearch.Spec;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// Whether this silo runs code that a spec brings: command trials (<see cref="SiloSettings.AllowCommands"/>,
/// the programs they may start) and plugin trainers (<see cref="SiloSettings.AllowPlugins"/>, the
/// directories plugins may be loaded from). A cluster silo runs neither unless its operator allows
/// it, since anyone who can reach a gateway can submit a spec; the console's embedded silo runs the
/// user's own specs and allows both. A refusal is one line naming the setting.
/// </summary>
public sealed class UserCodePolicy(SiloSettings settings)
{
    /// <summary>An allow-list entry that allows everything of its kind.</summary>
    public const string Any = "*";

    private readonly string[] _programs = Split(settings.AllowCommands);
    private readonly string[] _pluginDirectories = Split(settings.AllowPlugins);

    // The allowed plugin directories with their links resolved, as the plugin path is (the roots'
    // own check, so a directory named through a link allows what lies under its target).
    private readonly AllowedRoots _pluginRoots = new(Split(settings.AllowPlugins).Where(d => d != Any));

    /// <exception cref="TrainerUnavailableException">Key <c>trainer.command</c>: the silo runs no command trials, or not this program.</exception>
    public void RequireCommand(CommandSpec command)
    {
        if (_programs.Length == 0)
        {
            throw new TrainerUnavailableException("trainer.command", $"this silo runs no command trials; its operator allows them with the setting {nameof(SiloSettings.AllowCommands)} (--allow-commands PROGRAMS, or HYPERSEARCH_{nameof(SiloSettings.AllowCommands)})");
        }

        var program = command.Arguments.FirstOrDefault() ?? "";
        if (_programs.Contains(Any) || _programs.Any(allowed => allowed == program || Resolve(allowed, command.WorkingDirectory) == Resolve(program, command.WorkingDirectory)))
        {
            return;
        }

        throw new TrainerUnavailableException("trainer.command", $"program '{Shorten(program)}' is not one this silo runs (setting {nameof(SiloSettings.AllowCommands)}: {string.Join(Path.PathSeparator, _programs)})");
    }

    /// <exception cref="TrainerUnavailableException">Key <c>trainer.plugin</c>: the silo loads no plugins, or none from there.</exception>
    public void RequirePlugin(string path)
    {
        if (_pluginDirectories.Length == 0)
        {
            throw new TrainerUnavailableException("trainer.plugin", $"this silo loads no plugins; its operator allows them with the setting {nameof(SiloSettings.AllowPlugins)} (--allow-plugins DIRECTORIES, or HYPERSEARCH_{nameof(SiloSettings.AllowPlugins)})");
        }

        if (_pluginDirectories.Contains(Any) || _pluginRoots.Contains(path))
        {
            return;
        }

        throw new TrainerUnavailableException("trainer.plugin", $"{Shorten(Path.GetFullPath(path))} is not in a directory this silo loads plugins from (setting {nameof(SiloSettings.AllowPlugins)}: {string.Join(Path.PathSeparator, _pluginRoots.Roots)})");
    }

    /// <summary>The file a program name starts: a path as it stands (against the working directory), a bare name where PATH finds it.</summary>
    private static string Resolve(string program, string workingDirectory)
    {
        if (program.Contains(Path.DirectorySeparatorChar))
        {
            return Path.GetFullPath(program, workingDirectory);
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
        return found ?? program;
    }

    private static string[] Split(string? list) =>
        string.IsNullOrWhiteSpace(list) ? [] : list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "...");
}
