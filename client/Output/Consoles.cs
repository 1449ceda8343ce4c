using Spectre.Console;

namespace HyperSearch.Client.Output;

/// <summary>The console people read: stdout normally, stderr when stdout carries JSON for a script.</summary>
public static class Consoles
{
    /// <summary>Width for output that goes to a file or a pipe, where lines need not fit a terminal.</summary>
    private const int RedirectedWidth = 200;

    /// <summary>A console on the given writer (the command line's own output, which tests replace).</summary>
    public static IAnsiConsole Writing(TextWriter output)
    {
        if (output == Console.Out)
        {
            return ForHumans(json: false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = RedirectedWidth;
        return console;
    }

    public static IAnsiConsole ForHumans(bool json)
    {
        var console = json
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : AnsiConsole.Console;
        var redirected = json ? Console.IsErrorRedirected : Console.IsOutputRedirected;
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
