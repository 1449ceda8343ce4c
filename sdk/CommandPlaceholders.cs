using System.Text.RegularExpressions;

namespace HyperSearch.Sdk;

/// <summary>The <c>{name}</c> placeholders of a training command's arguments (<c>trainer: { command: [...] }</c>): parameter values and the trial's own.</summary>
public static partial class CommandPlaceholders
{
    /// <summary>The placeholder names in <paramref name="argument"/>, in order.</summary>
    public static IEnumerable<string> Names(string argument) => Placeholder().Matches(argument).Select(m => m.Groups[1].Value);

    /// <summary><paramref name="argument"/> with each placeholder replaced by <paramref name="valueOf"/>'s text for it.</summary>
    public static string Fill(string argument, Func<string, string> valueOf) => Placeholder().Replace(argument, m => valueOf(m.Groups[1].Value));

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_.-]*)\}")]
    private static partial Regex Placeholder();
}
