using System.Diagnostics.Metrics;
using HyperSearch.Silo.Telemetry;

namespace HyperSearch.Bench.Orchestration;

/// <summary>
/// Records every silo's <see cref="HyperSearchInstruments.LeaseWaitName"/> measurement (in ms) as
/// ("slot", "lease wait"): the lease latency a slot sees, whether its lease came from a (batched)
/// lease request or with the finish of its previous trial. Grain-call timings cannot show it: one
/// Exchange call serves many slots.
/// </summary>
public sealed class LeaseWaitListener : IDisposable
{
    public const string Side = "slot";
    public const string Method = "lease wait";

    private readonly MeterListener _listener = new();

    public LeaseWaitListener(CallRecorder recorder)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HyperSearchInstruments.MeterName && instrument.Name == HyperSearchInstruments.LeaseWaitName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => recorder.Record(Side, Method, seconds * 1000, empty: false));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
