using System.Globalization;

namespace HyperSearch.Explorer.Charts;

/// <summary>Colours: a viridis-like ramp for the objective (bright = best), and one colour per trial status.</summary>
public static class Palette
{
    // Five stops of matplotlib's viridis: perceptually even, readable by most colour-blind people.
    private static readonly (double R, double G, double B)[] Stops =
    [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ];

    /// <summary>The colour at <paramref name="t"/> in [0, 1] (0 = worst, 1 = best).</summary>
    public static string Ramp(double t)
    {
        t = double.IsFinite(t) ? Math.Clamp(t, 0, 1) : 0;
        var position = t * (Stops.Length - 1);
        var i = Math.Min((int)position, Stops.Length - 2);
        var f = position - i;
        var (r0, g0, b0) = Stops[i];
        var (r1, g1, b1) = Stops[i + 1];
        return string.Create(CultureInfo.InvariantCulture, $"#{(int)(r0 + ((r1 - r0) * f)):x2}{(int)(g0 + ((g1 - g0) * f)):x2}{(int)(b0 + ((b1 - b0) * f)):x2}");
    }

    public static string ForStatus(string status) => status switch
    {
        "completed" => "#2e7d32",
        "running" => "#1565c0",
        "pruned" => "#ef6c00",
        "diverged" => "#c62828",
        "failed" => "#6a1b9a",
        "cancelled" => "#757575",
        _ => "#9e9e9e",
    };
}
