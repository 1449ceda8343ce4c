using System.CommandLine;
using HyperSearch.Silo.Hosting;

namespace HyperSearch.Client.Commands;

/// <summary>
/// <c>hypersearch silo [SETTINGS...]</c>: starts a cluster silo from the console, as <c>ray start</c>
/// starts a Ray node; the settings are <c>hypersearch-silo</c>'s (silo/Hosting/SiloLauncher.cs:
/// <c>--redis</c>, <c>--tls-cert</c>/<c>--tls-key</c>/<c>--tls-ca</c>, <c>--slots</c>, or
/// <c>--PropertyName value</c> for any other). They pass through as they are, so the console's parser
/// sees only <c>--help</c>.
/// </summary>
public static class SiloCommand
{
    public const string Name = "silo";

    private static readonly string[] HelpTokens = ["--help", "-h", "-?"];

    public static Command Build()
    {
        var command = new Command(
            Name,
            "Start a cluster silo here, with hypersearch-silo's settings: --redis HOST:PORT, --name, --slots N, --gateway-port, --tls-cert/--tls-key/--tls-ca, "
            + "or --SettingName value (README, \"Run a cluster\"); it runs until Ctrl-C")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellation) => SiloLauncher.RunAsync([.. result.UnmatchedTokens], Console.Out, Console.Error));
        return command;
    }

    /// <summary>The silo's settings when <paramref name="args"/> start a silo (and ask for no help); null otherwise.</summary>
    public static string[]? SiloArguments(string[] args) =>
        args is [Name, .. var settings] && !settings.Any(HelpTokens.Contains) ? settings : null;
}
