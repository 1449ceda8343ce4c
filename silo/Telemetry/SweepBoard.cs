using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Silo.Telemetry;

/// <summary>
/// The sweeps active on this silo, as their grains last described them. Grains write on every
/// change; the gauges read it on every collection (another thread), so entries are immutable.
/// Sweeps that share a name are added up (queue, running) or ranked (best value) into one series.
/// </summary>
public sealed class SweepBoard
{
    private readonly ConcurrentDictionary<string, SweepGauges> _sweeps = new();

    public void Set(string sweepId, SweepGauges gauges) => _sweeps[sweepId] = gauges;

    public void Remove(string sweepId) => _sweeps.TryRemove(sweepId, out _);

    internal IEnumerable<Measurement<int>> Measure(Func<SweepGauges, int> value) =>
        _sweeps.Values
            .GroupBy(s => s.Name)
            .Select(g => new Measurement<int>(g.Sum(value), Tag(HyperSearchInstruments.SweepTag, g.Key)));

    internal IEnumerable<Measurement<int>> MeasureStatuses()
    {
        var sweeps = _sweeps.Values.ToList();
        return Enum.GetValues<SweepStatus>()
            .Where(s => s != SweepStatus.Created)
            .Select(status => new Measurement<int>(
                sweeps.Count(s => s.Status == status),
                Tag(HyperSearchInstruments.StatusTag, status.ToWireName())));
    }

    internal IEnumerable<Measurement<double>> MeasureBest() =>
        _sweeps.Values
            .Where(s => s.Best is not null)
            .GroupBy(s => (s.Name, s.Objective.Metric))
            .Select(g =>
            {
                var values = g.Select(s => s.Best!.Value);
                var best = g.First().Objective.Mode == ObjectiveMode.Max ? values.Max() : values.Min();
                return new Measurement<double>(
                    best,
                    Tag(HyperSearchInstruments.SweepTag, g.Key.Name),
                    Tag(HyperSearchInstruments.ObjectiveTag, g.Key.Metric));
            });

    internal IEnumerable<Measurement<double>> MeasureLastProgress() =>
        _sweeps.Values
            .GroupBy(s => s.Name)
            .Select(g => new Measurement<double>(
                g.Max(s => s.LastProgressUtc).Subtract(DateTime.UnixEpoch).TotalSeconds,
                Tag(HyperSearchInstruments.SweepTag, g.Key)));

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}

/// <summary>One sweep's gauges: trials waiting and running, the best objective value so far, and when it last moved.</summary>
public sealed record class SweepGauges(string Name, ObjectiveSpec Objective, SweepStatus Status, int Queued, int Running, double? Best, DateTime LastProgressUtc);
