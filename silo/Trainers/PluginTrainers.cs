using System.Collections.Concurrent;
using System.Reflection;
using HyperSearch.Sdk;
using HyperSearch.Spec;

namespace HyperSearch.Silo.Trainers;

/// <summary>
/// The user trainers this silo has loaded, one instance per plugin file version and type: a spec's
/// validation and every trial of its sweep share it. A rebuilt plugin (a newer file) loads afresh.
/// </summary>
public sealed class PluginTrainers
{
    private readonly ConcurrentDictionary<(string Path, DateTime Written, string Type), Lazy<ITrainer>> _loaded = new();
    private readonly ConcurrentDictionary<(string Path, DateTime Written), PluginLoadContext> _contexts = new();

    /// <summary>The trainer <paramref name="spec"/> names, loaded on first use.</summary>
    /// <exception cref="TrainerUnavailableException">The file is missing or not a .NET assembly, or the type is absent or not a trainer.</exception>
    public ITrainer Get(TrainerSpec spec)
    {
        if (spec.Plugin is null || spec.Type is null)
        {
            throw new TrainerUnavailableException("trainer", "names neither a plugin and its type nor a command");
        }

        var path = Path.GetFullPath(spec.Plugin);
        if (!File.Exists(path))
        {
            throw new TrainerUnavailableException("trainer.plugin", $"file not found: {path}");
        }

        var written = File.GetLastWriteTimeUtc(path);
        var lazy = _loaded.GetOrAdd((path, written, spec.Type), key => new Lazy<ITrainer>(() => Load(key.Path, key.Written, key.Type)));
        try
        {
            return lazy.Value;
        }
        catch (TrainerUnavailableException)
        {
            // Not cached: the user fixes the plugin and submits again.
            _loaded.TryRemove(new KeyValuePair<(string, DateTime, string), Lazy<ITrainer>>((path, written, spec.Type), lazy));
            throw;
        }
    }

    private ITrainer Load(string path, DateTime written, string typeName)
    {
        Assembly assembly;
        try
        {
            var context = _contexts.GetOrAdd((path, written), _ => new PluginLoadContext(path));
            assembly = context.LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException)
        {
            throw new TrainerUnavailableException("trainer.plugin", $"{path} is not a .NET assembly");
        }
        catch (Exception e) when (e is FileLoadException or IOException or UnauthorizedAccessException)
        {
            throw new TrainerUnavailableException("trainer.plugin", $"cannot load {path}: {e.Message}");
        }

        if (SdkVersionCheck.Refusal(assembly) is { } refusal)
        {
            throw new TrainerUnavailableException("trainer.plugin", refusal);
        }

        var type = FindType(assembly, typeName)
            ?? throw new TrainerUnavailableException("trainer.type", $"type '{typeName}' not found in {Path.GetFileName(path)}{Suggestion(assembly)}");
        if (!typeof(ITrainer).IsAssignableFrom(type))
        {
            throw new TrainerUnavailableException("trainer.type", $"{typeName} does not implement HyperSearch.Sdk.ITrainer{SdkHint(type)}");
        }

        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new TrainerUnavailableException("trainer.type", $"{typeName} needs a public parameterless constructor and must not be abstract");
        }

        ITrainer trainer;
        try
        {
            trainer = (ITrainer)Activator.CreateInstance(type)!;
            _ = trainer.Schema ?? throw new InvalidOperationException("its Schema is null");
        }
        catch (Exception e)
        {
            var inner = e is TargetInvocationException { InnerException: { } cause } ? cause : e;
            throw new TrainerUnavailableException("trainer.type", $"{typeName} could not be created: {inner.GetType().Name}: {inner.Message}");
        }

        return TorchPluginTrainer.UsesTorch(assembly) ? new TorchPluginTrainer(trainer) : trainer;
    }

    private static Type? FindType(Assembly assembly, string typeName)
    {
        try
        {
            return assembly.GetType(typeName, throwOnError: false);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException)
        {
            throw new TrainerUnavailableException("trainer.type", $"cannot load {typeName}: {e.Message} (is a dependency missing beside the plugin?)");
        }
    }

    /// <summary>" (trainers in it: A, B)" when the assembly holds trainers under other names.</summary>
    private static string Suggestion(Assembly assembly)
    {
        try
        {
            var trainers = assembly.GetExportedTypes().Where(t => typeof(ITrainer).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.FullName).ToArray();
            return trainers.Length == 0 ? " (it holds no public ITrainer)" : $" (trainers in it: {string.Join(", ", trainers)})";
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException or ReflectionTypeLoadException)
        {
            return "";
        }
    }

    /// <summary>A type that implements an ITrainer of another SDK copy: say so, since the names match.</summary>
    private static string SdkHint(Type type) =>
        type.GetInterfaces().Any(i => i.FullName == typeof(ITrainer).FullName)
            ? " of this host (the plugin was built against another copy of HyperSearch.Sdk)"
            : "";
}
