using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>The console people read: stdout normally, stderr when stdout carries JSON for a script.</summary>
public static class Consoles
{
    public static IAnsiConsole ForHumans(bool json) => json
        ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
        : AnsiConsole.Console;
}
