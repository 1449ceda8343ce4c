using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HyperSearch.Deploy.Tests;

/// <summary>A public settable property of SiloSettings: its name, declared type and initializer.</summary>
internal sealed record SiloSetting(string Name, string Type, string? Default);

/// <summary>
/// The silo's settings read from silo/Hosting/SiloSettings.cs with Roslyn's parser: the silo binds
/// HYPERSEARCH_* variables to these properties with ErrorOnUnknownConfiguration, so a variable with
/// no property here stops a silo at start-up. Parsing the source keeps libtorch out of this project.
/// </summary>
internal static class SiloSettingsSource
{
    public static IReadOnlyDictionary<string, SiloSetting> Read()
    {
        var path = RepoFiles.File("silo", "Hosting", "SiloSettings.cs");
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetRoot();
        var type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == "SiloSettings");
        return type.Members.OfType<PropertyDeclarationSyntax>()
            .Where(p => p.Modifiers.Any(SyntaxKind.PublicKeyword) && HasPublicSetter(p))
            .Select(p => new SiloSetting(p.Identifier.Text, p.Type.ToString(), p.Initializer?.Value.ToString()))
            // Configuration keys are case-insensitive, as the binder matches them.
            .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
    }

    private static bool HasPublicSetter(PropertyDeclarationSyntax property) =>
        property.AccessorList?.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) && a.Modifiers.Count == 0) == true;
}
