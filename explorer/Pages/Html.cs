using System.Globalization;
using System.Net;
using System.Reflection;

namespace HyperSearch.Explorer.Pages;

/// <summary>The page shell: styles and script inline (from embedded resources), so the report is one file and the UI needs nothing else.</summary>
public static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string N(double value, string format = "G4") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <param name="mode">"live" (served; updates over server-sent events) or "report" (a file; no server).</param>
    /// <param name="head">More of the head: the served page's request token, or a report's content-security policy.</param>
    public static string Page(string title, string body, string mode, string? sweepId = null, string? trialNumber = null, string head = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{head}
        <title>{E(title)}</title><style>{Asset("explorer.css")}</style></head>
        <body data-mode="{mode}" data-sweep="{E(sweepId)}" data-trial="{E(trialNumber)}">
        <header class="top"><a href="{(mode == "live" ? "/" : "#")}">HyperSearch explorer</a></header>
        <main id="body">{body}</main>
        <script>{Asset("explorer.js")}</script>
        </body></html>
        """;

    public static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"HyperSearch.Explorer.Assets.{name}")
            ?? throw new InvalidOperationException($"explorer asset {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A progress bar with its figures written out.</summary>
    public static string Progress(string label, double done, double? total, string text) =>
        $"<div class=\"progress\" data-label=\"{E(label)}\"><span class=\"progress-label\">{E(label)}</span>"
        + $"<span class=\"bar\"><span class=\"fill\" style=\"width:{N(total is > 0 ? Math.Clamp(100 * done / total.Value, 0, 100) : 0, "F1")}%\"></span></span>"
        + $"<span class=\"progress-text\">{E(text)}</span></div>";

    public static string Section(string id, string title, string content) =>
        $"<section id=\"{id}\"><h2>{E(title)}</h2>{content}</section>";
}
