using System.CommandLine;

namespace HyperSearch.Client.Commands;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public const string DefaultGateway = "127.0.0.1:30000";

    public static Option<string?> Gateway() => new("--gateway")
    {
        Description = "HOST:PORT of a running silo's gateway (run: omit it to host a silo in this process)",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the result as JSON on the last line of stdout; human output goes to stderr",
    };
}
