using System.Text.Json.Nodes;

namespace HyperSearch.Bench.Orchestration;

/// <summary>The issue's figures, one method each; every one prints its headline and returns its JSON.</summary>
public sealed class Scenarios(BenchOptions options, ScenarioRunner runner, TextWriter output)
{
    public Task<JsonObject> RunAsync(string scenario) => scenario switch
    {
        "overhead" => OverheadAsync(),
        "throughput" => ThroughputAsync("throughput", [options.ThroughputSlots], redis: false),
        "cluster" => ThroughputAsync("cluster", Split(options.ThroughputSlots, 3), redis: true),
        "reports" => ReportsAsync(),
        "utilization" => UtilizationAsync(),
        "scale" => ScaleAsync(),
        "burst" => BurstAsync(),
        "explorer-page" => ExplorerPageScenario.RunAsync(options.ExplorerTrials, output),
        "memory" => MemoryScenario.RunAsync(output),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };

    /// <summary>1. N one-second trials on S slots (Ray Tune's release test, scaled): wall time against N/S seconds.</summary>
    private async Task<JsonObject> OverheadAsync()
    {
        var epoch = TimeSpan.FromSeconds(1);
        var spec = BenchSpecs.Random("overhead", options.OverheadTrials, 1);
        var (outcome, figures) = await runner.RunAsync("overhead", [options.OverheadSlots], epoch, redis: false, spec);
        var minimum = Math.Ceiling((double)options.OverheadTrials / options.OverheadSlots) * epoch.TotalSeconds;
        figures["minimumSeconds"] = minimum;
        figures["overheadPercent"] = Stats.Round(100 * ((outcome.WallSeconds / minimum) - 1), 2);
        output.WriteLine($"1. bookkeeping overhead: {outcome.Trials} x 1 s trials on {outcome.Slots} slots: {outcome.WallSeconds:F1} s against {minimum:F0} s = +{figures["overheadPercent"]}% " +
            $"(utilization {outcome.Utilization:P2}, idle gap p50 {figures["idleGapMs"]!["p50"]} ms, p99 {figures["idleGapMs"]!["p99"]} ms) [load {figures["loadAverageBefore"]}]");
        return figures;
    }

    /// <summary>2. Zero-duration trials per second through the whole path (lease, epoch report, finish, durable state).</summary>
    private async Task<JsonObject> ThroughputAsync(string name, int[] slots, bool redis)
    {
        var spec = BenchSpecs.Random(name, options.ThroughputTrials, 1);
        var (outcome, figures) = await runner.RunAsync(name, slots, TimeSpan.Zero, redis, spec);
        output.WriteLine($"2. per-trial cost ({figures["state"]}, {slots.Length} silo(s), {outcome.Slots} slots): {outcome.Trials} zero-length trials in {outcome.WallSeconds:F2} s = " +
            $"{outcome.TrialsPerSecond:F0} trials/s ({1000 / outcome.TrialsPerSecond:F2} ms per trial; {Writes(figures)} writes per trial; {figures["process"]!["cpuMsPerTrial"]} ms of CPU per trial) [load {figures["loadAverageBefore"]}]");
        Breakdown(figures);
        return figures;
    }

    /// <summary>3. Epoch reports per second one sweep absorbs: many zero-length epochs per trial.</summary>
    private async Task<JsonObject> ReportsAsync()
    {
        var spec = BenchSpecs.Random("reports", options.ReportTrials, options.ReportEpochs);
        var (outcome, figures) = await runner.RunAsync("reports", [options.ThroughputSlots], TimeSpan.Zero, redis: false, spec);
        output.WriteLine($"3. result throughput: {outcome.Snapshot.EpochsTrained} epoch reports in {outcome.WallSeconds:F2} s = {outcome.EpochReportsPerSecond:F0} reports/s " +
            $"({outcome.Slots} slots reporting) [load {figures["loadAverageBefore"]}]");
        return figures;
    }

    /// <summary>4. Busy slot-seconds over available slot-seconds for a sweep of short trials.</summary>
    private async Task<JsonObject> UtilizationAsync()
    {
        var spec = BenchSpecs.Random("utilization", options.UtilizationTrials, 1);
        var (outcome, figures) = await runner.RunAsync("utilization", [options.ThroughputSlots], options.UtilizationEpoch, redis: false, spec);
        output.WriteLine($"4. slot utilization: {outcome.Trials} x {options.UtilizationEpoch.TotalMilliseconds:F0} ms trials on {outcome.Slots} slots: {outcome.Utilization:P2} ({outcome.UtilizationWhileQueued:P2} while trials waited) " +
            $"(wall {outcome.WallSeconds:F2} s; idle gap p50 {figures["idleGapMs"]!["p50"]} ms, p99 {figures["idleGapMs"]!["p99"]} ms) [load {figures["loadAverageBefore"]}]");
        return figures;
    }

    /// <summary>5. Three silos with growing slot counts: lease latency, utilization, memory per silo.</summary>
    private async Task<JsonObject> ScaleAsync()
    {
        var json = new JsonObject();
        foreach (var total in options.ScaleSlots)
        {
            var trials = total * options.ScaleTrialsPerSlot;
            var spec = BenchSpecs.Random($"scale-{total}", trials, 1);
            var (outcome, figures) = await runner.RunAsync($"scale-{total}", Split(total, 3), options.ScaleEpoch, redis: true, spec, options.ScaleJitter);
            output.WriteLine($"5. scale, 3 silos, {total} slots, {trials} trials of {options.ScaleEpoch.TotalSeconds:F1} s ±{options.ScaleJitter:P0}: {Scale(outcome, figures)}");
            json[total.ToString(System.Globalization.CultureInfo.InvariantCulture)] = figures;
            if (total == options.ScaleSlots.Max())
            {
                Breakdown(figures);
            }
        }

        return json;
    }

    /// <summary>5b. The worst case for lease latency: equal trials on every slot, so all slots ask for work at the same moment, every round.</summary>
    private async Task<JsonObject> BurstAsync()
    {
        var trials = options.BurstSlots * options.BurstTrialsPerSlot;
        var spec = BenchSpecs.Random("burst", trials, 1);
        var (outcome, figures) = await runner.RunAsync("burst", Split(options.BurstSlots, 3), options.BurstEpoch, redis: true, spec);
        output.WriteLine($"5b. burst, 3 silos, {options.BurstSlots} slots, {trials} trials of exactly {options.BurstEpoch.TotalSeconds:F1} s (all slots ask at once): {Scale(outcome, figures)}");
        return figures;
    }

    /// <summary>6. Where a trial's time goes: grain calls and storage writes per trial, with their mean latency.</summary>
    private void Breakdown(JsonObject figures)
    {
        static string Line(JsonNode? node) => string.Join(", ", (node as JsonObject ?? []).Select(p =>
            $"{p.Key} {(double)p.Value!["perTrial"]!:0.###} x {(double)p.Value!["meanMs"]!:0.##} ms"));
        output.WriteLine($"6.   grain calls per trial (caller's view): {Line(figures["callsPerTrial"])}");
        output.WriteLine($"6.   storage per trial: {Line(figures["storagePerTrial"])}");
    }

    private static string Scale(SweepOutcome outcome, JsonObject figures) =>
        $"lease p50 {figures["leaseMs"]!["p50"]} ms, p99 {figures["leaseMs"]!["p99"]} ms (after the first wave of {outcome.Slots}: p50 {figures["leaseMs"]!["p50AfterFirstWave"]} ms, p99 {figures["leaseMs"]!["p99AfterFirstWave"]} ms); utilization {outcome.Utilization:P2} " +
        $"({outcome.UtilizationWhileQueued:P2} while trials waited); {figures["process"]!["residentMiBPerSilo"]} MiB resident and {figures["process"]!["managedMiBPerSilo"]} MiB managed per silo " +
        $"({figures["process"]!["peakThreads"]} threads in the process); {outcome.TrialsPerSecond:F0} trials/s [load {figures["loadAverageBefore"]}]";

    private static string Writes(JsonObject figures) =>
        (figures["storagePerTrial"] as JsonObject)?
            .Where(p => p.Key.StartsWith("write", StringComparison.Ordinal))
            .Sum(p => (double)p.Value!["perTrial"]!).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "?";

    private static int[] Split(int total, int parts) =>
        Enumerable.Range(0, parts).Select(i => (total / parts) + (i < total % parts ? 1 : 0)).ToArray();
}
