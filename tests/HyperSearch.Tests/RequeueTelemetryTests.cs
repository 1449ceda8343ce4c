using System.Diagnostics.Metrics;
using HyperSearch.Silo.Telemetry;
using HyperSearch.Sweeps;
using Microsoft.Extensions.DependencyInjection;

namespace HyperSearch.Tests;

/// <summary>Re-queues are counted by the cause the sweep recorded, whatever the trial's message says by then.</summary>
public sealed class RequeueTelemetryTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Requeue_SeenAfterTheNextAttemptEnded_IsStillTaggedLeaseExpired()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var reasons = new List<string?>();
        using var listener = new MeterListener
        {
            // Only this test's meter: silos of other tests in this process publish the same names.
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == HyperSearchInstruments.TrialsRequeuedName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            for (var i = 0; i < value; i++)
            {
                reasons.Add(tags.ToArray().Single(t => t.Key == HyperSearchInstruments.ReasonTag).Value as string);
            }
        });
        listener.Start();
        var telemetry = new SweepTelemetry(new HyperSearchInstruments(meterFactory));
        var book = new SweepBook(SweepBook.NewState("s1", Specs.Small(trials: 1), T0), new SweepPolicy(TimeSpan.FromSeconds(10), MaxAttempts: 2));
        telemetry.Attach(book.State);
        book.Lease("dead/0", T0);
        telemetry.Observe(book.State);

        // Expiry, the next attempt and its failure all land in one write: the message is the failure's now.
        book.Tick(T0 + TimeSpan.FromSeconds(11));
        var retry = book.Lease("live/0", T0 + TimeSpan.FromSeconds(12))!;
        book.Finish(retry.Key, new TrialFinish(TrialOutcome.Failed, null, null, "boom", Retryable: false), T0 + TimeSpan.FromSeconds(13));
        telemetry.Observe(book.State);

        Assert.Equal([HyperSearchInstruments.ReasonLeaseExpired], reasons);
    }
}
