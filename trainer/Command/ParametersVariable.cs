using System.Diagnostics;
using System.Text;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// How a command gets its parameters: always <c>HYPERSEARCH_PARAMS_FILE</c> (the trial directory's
/// params.json), and <c>HYPERSEARCH_PARAMS</c> (the same JSON) when it fits in one environment
/// variable. Linux refuses to start a program with a variable longer than 128 KiB (E2BIG), so a
/// large parameter (a long list, an embedded text) would otherwise keep the trial from starting at all.
/// </summary>
internal static class ParametersVariable
{
    public const string Name = "HYPERSEARCH_PARAMS";

    public const string FileName = "HYPERSEARCH_PARAMS_FILE";

    /// <summary>MAX_ARG_STRLEN: 32 pages, "NAME=value" and its terminating NUL included.</summary>
    private const int LongestVariable = 32 * 4096;

    public static void Set(ProcessStartInfo start, string json, string file)
    {
        start.Environment[FileName] = file;
        if (Fits(json))
        {
            start.Environment[Name] = json;
        }
        else
        {
            start.Environment.Remove(Name);
        }
    }

    public static bool Fits(string json) => Name.Length + 1 + Encoding.UTF8.GetByteCount(json) + 1 <= LongestVariable;
}
