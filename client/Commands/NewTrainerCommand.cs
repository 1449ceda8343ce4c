using System.CommandLine;
using System.Text.RegularExpressions;
using HyperSearch.Client.Output;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch new trainer NAME [--output DIR]</c>: a shortcut to <c>dotnet new hypersearch-trainer</c>
/// that writes the same files (embedded from templates/content/hypersearch-trainer/): a plugin project on
/// the HyperSearch.Sdk.TorchSharp package and its step-shaped base class, with a sweep that runs it.
/// </summary>
public static partial class NewTrainerCommand
{
    private const string ResourcePrefix = "HyperSearch.Client.Templates.trainer.";

    /// <summary>The name templates/content/hypersearch-trainer/.template.config/template.json replaces.</summary>
    private const string SourceName = "HyperSearchPlugin";

    private static readonly Argument<string> NameArgument = new("name")
    {
        Description = "The project, assembly and namespace name: a C# identifier such as WideResNet",
    };

    private static readonly Option<string?> OutputOption = new("--output", "-o")
    {
        Description = "The directory to create (default: ./NAME); it must not exist or be empty",
    };

    /// <summary>C#'s reserved words: not usable as a namespace without an @.</summary>
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    public static Command Build()
    {
        var trainer = new Command("trainer", "Create a trainer plugin project (as dotnet new hypersearch-trainer): a StepTrainer, its csproj and a sweep that runs it")
        {
            NameArgument,
            OutputOption,
        };
        trainer.SetAction(result =>
        {
            var name = result.GetValue(NameArgument)!;
            var directory = Path.GetFullPath(result.GetValue(OutputOption) ?? name);
            var files = Create(name, directory);
            var console = Consoles.ForHumans(json: false);
            console.MarkupLine($"[green]created[/] {Markup.Escape(directory)}: {Markup.Escape(string.Join(", ", files))}");
            console.MarkupLine($"next: cd {Markup.Escape(directory)} && dotnet build -c Release && hypersearch run sweep.yaml (HyperSearch.Sdk.TorchSharp comes from your NuGet feed: see its README.md)");
            return ExitCodes.Success;
        });
        return new Command("new", "Create a project from a template") { trainer };
    }

    /// <summary>Writes the project into <paramref name="directory"/>.</summary>
    /// <returns>The names of the files written.</returns>
    /// <exception cref="UserErrorException">A bad name, or the directory holds files already.</exception>
    public static IReadOnlyList<string> Create(string name, string directory)
    {
        if (!Identifier().IsMatch(name) || Keywords.Contains(name))
        {
            throw new UserErrorException($"name: '{name}' is not a C# identifier (letters, digits and _, not starting with a digit, not a keyword)");
        }

        if (File.Exists(directory) || (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any()))
        {
            throw new UserErrorException($"--output: {directory} exists and is not empty; name a new or empty directory");
        }

        // The dotnet new template's own names, replaced as its engine replaces its sourceName.
        var values = new Dictionary<string, string>
        {
            [SourceName] = name,
            [SourceName.ToLowerInvariant()] = name.ToLowerInvariant(),
        };
        var files = new (string Template, string File)[]
        {
            ($"{SourceName}.csproj", $"{name}.csproj"),
            ("PluginTrainer.cs", "PluginTrainer.cs"),
            ("PluginSettings.cs", "PluginSettings.cs"),
            ("PluginSteps.cs", "PluginSteps.cs"),
            ("sweep.yaml", "sweep.yaml"),
            ("README.md", "README.md"),
        };
        // Rendered before anything is written, so a failure leaves no half-made project behind.
        var texts = files.Select(f => values.Aggregate(ReadTemplate(f.Template), (text, value) => text.Replace(value.Key, value.Value, StringComparison.Ordinal))).ToArray();
        Directory.CreateDirectory(directory);
        for (var i = 0; i < files.Length; i++)
        {
            File.WriteAllText(Path.Combine(directory, files[i].File), texts[i]);
        }

        return files.Select(f => f.File).ToArray();
    }

    private static string ReadTemplate(string template)
    {
        using var stream = typeof(NewTrainerCommand).Assembly.GetManifestResourceStream(ResourcePrefix + template)
            ?? throw new InvalidOperationException($"template {template} is not embedded in the console");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
