using System.Globalization;

namespace HyperSearch.Client.Commands;

/// <summary>Sweep ids that sort by start time and say what they are: "fmnist-quick-20261127-221530-3f9a".</summary>
public static class SweepIds
{
    public static string New(string name, DateTime now)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var suffix = Random.Shared.Next(0x10000).ToString("x4", CultureInfo.InvariantCulture);
        return $"{(slug.Length == 0 ? "sweep" : slug)}-{now:yyyyMMdd-HHmmss}-{suffix}";
    }
}
