using System.Collections.Concurrent;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// Counts HyperSearch grain calls by method, as callers see them (outgoing: queueing, transport and
/// the grain's turn) and as grains see them (incoming: the turn, state writes included), and keeps
/// every latency so percentiles are exact. Shared by all silos of the process; reset per scenario.
/// </summary>
public sealed class CallRecorder
{
    private readonly ConcurrentDictionary<string, Samples> _calls = new();

    public void Record(string side, string method, double milliseconds, bool empty) =>
        _calls.GetOrAdd($"{side} {method}{(empty ? " (none)" : "")}", _ => new Samples()).Add(milliseconds);

    public void Reset() => _calls.Clear();

    public IReadOnlyList<double> Latencies(string side, string method) =>
        _calls.TryGetValue($"{side} {method}", out var samples) ? samples.ToArray() : [];

    public long Count(string side, string method) =>
        _calls.TryGetValue($"{side} {method}", out var samples) ? samples.Count : 0;

    /// <summary>Every recorded method of one side: calls and mean latency.</summary>
    public IReadOnlyDictionary<string, (long Calls, double MeanMs)> Summary(string side) => _calls
        .Where(c => c.Key.StartsWith(side + " ", StringComparison.Ordinal))
        .OrderBy(c => c.Key, StringComparer.Ordinal)
        .ToDictionary(c => c.Key[(side.Length + 1)..], c => (c.Value.Count, c.Value.Mean));

    private sealed class Samples
    {
        private readonly List<double> _values = [];

        public long Count
        {
            get
            {
                lock (_values)
                {
                    return _values.Count;
                }
            }
        }

        public double Mean
        {
            get
            {
                lock (_values)
                {
                    return _values.Count == 0 ? 0 : _values.Average();
                }
            }
        }

        public void Add(double value)
        {
            lock (_values)
            {
                _values.Add(value);
            }
        }

        public double[] ToArray()
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }
}
