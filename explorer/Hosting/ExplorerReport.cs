using HyperSearch.Explorer.Data;
using HyperSearch.Explorer.Pages;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Hosting;

/// <summary><c>hypersearch report</c>: the sweep page as one self-contained HTML file (data, script and styles inline), readable offline.</summary>
public static class ExplorerReport
{
    public static async Task<string> BuildAsync(IGrainFactory grains, string sweepId, CancellationToken cancellationToken)
    {
        var data = await new SweepFeed(grains, sweepId).GetAsync(cancellationToken);
        if (data.Summary.Status == SweepStatus.Created || data.Overview.Spec is null)
        {
            throw new KeyNotFoundException($"no sweep '{sweepId}'");
        }

        var body = SweepBody.Render(data, null, null, report: true)
            + $"<footer class=\"muted\">Report written {DateTime.UtcNow:u} by <code>hypersearch report</code>; the sweep's version {data.Summary.Version}.</footer>";
        var policy = $"<meta http-equiv=\"Content-Security-Policy\" content=\"{Html.E(SecurityHeaders.ReportPolicy)}\">";
        return Html.Page($"{data.Summary.Name} - HyperSearch report", body, "report", sweepId, head: policy);
    }
}
