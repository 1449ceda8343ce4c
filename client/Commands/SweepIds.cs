using System.Globalization;

namespace HyperSearch.Client.Commands;

/// <summary>Sweep ids that sort by start time and say what they are: "fmnist-quick-20261127-221530-3f9a".</summary>
public static class SweepIds
{
    /// <summary>Longest id a console accepts: a 100-character name's slug plus the time and suffix, with room to spare.</summary>
    public const int MaxLength = 160;

    /// <summary>An id as a user typed it, refused before it reaches a grain (whose key becomes a file name).</summary>
    /// <exception cref="UserErrorException">Too long, or holds a path separator or a control character.</exception>
    public static void Check(string sweepId)
    {
        if (sweepId.Length is 0 or > MaxLength || sweepId is "." or ".." || sweepId.Any(c => c is '/' or '\\' || char.IsControl(c)))
        {
            var shown = sweepId.Length > 40 ? string.Concat(sweepId.AsSpan(0, 40), "...") : sweepId;
            throw new UserErrorException($"sweep: '{shown}' is not a sweep id (ids look like fmnist-quick-20261127-221530-3f9a; see `hypersearch list`)");
        }
    }

    public static string New(string name, DateTime now)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var suffix = Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
        return $"{(slug.Length == 0 ? "sweep" : slug)}-{now:yyyyMMdd-HHmmss}-{suffix}";
    }
}
