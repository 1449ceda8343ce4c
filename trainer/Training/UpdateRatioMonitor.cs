using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// cs231n's update-to-weight ratio per layer, ‖Δw‖ / ‖w‖ over one optimizer step: near 1e-3 is
/// healthy; much higher means the learning rate is too high, much lower that the layer barely learns.
/// The trial loop measures the last step of each epoch: one copy of the weights per epoch.
/// </summary>
internal sealed class UpdateRatioMonitor(WeightLayers layers) : IDisposable
{
    /// <summary>Above this a layer's weights change by a tenth or more per step.</summary>
    public const double TooHigh = 0.1;

    /// <summary>Below this a layer barely moves (a learning rate far too low, or dead units).</summary>
    public const double TooLow = 1e-6;

    public const string Prefix = "update_ratio.";

    private readonly List<Tensor> _before = [];
    private bool _warnedHigh;
    private bool _warnedLow;

    /// <summary>Copies the weights; call just before the optimizer step to measure.</summary>
    public void BeforeStep()
    {
        ClearCopies();
        using var noGrad = no_grad();
        foreach (var (_, weight) in layers.Layers)
        {
            _before.Add(weight.detach().clone());
        }
    }

    /// <summary>The ratios of the step since <see cref="BeforeStep"/>, keyed "update_ratio.LAYER".</summary>
    public Dictionary<string, double> AfterStep()
    {
        var ratios = new Dictionary<string, double>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        for (var i = 0; i < _before.Count; i++)
        {
            using var scope = NewDisposeScope();
            var (name, weight) = layers.Layers[i];
            var before = _before[i];
            var norm = before.norm().item<float>();
            var update = (weight - before).norm().item<float>();
            ratios[Prefix + name] = norm > 0 ? update / norm : double.PositiveInfinity;
        }

        ClearCopies();
        return ratios;
    }

    /// <summary>An event the first time any layer is far from healthy in each direction; null otherwise.</summary>
    /// <param name="annealed">
    /// The schedule has brought the learning rate near zero (a cosine schedule's last step is 0):
    /// tiny updates are then its intent, not a sign of a rate set too low, so only "too high" is judged.
    /// </param>
    public TrialEvent? Judge(IReadOnlyDictionary<string, double> ratios, int epoch, bool annealed = false)
    {
        if (ratios.Count == 0)
        {
            return null;
        }

        var highest = ratios.MaxBy(pair => pair.Value);
        if (!_warnedHigh && highest.Value > TooHigh)
        {
            _warnedHigh = true;
            return new TrialEvent(TrialEventKind.UpdateRatio, epoch, string.Create(
                CultureInfo.InvariantCulture,
                $"layer {highest.Key[Prefix.Length..]} changed by {highest.Value:0.###e0} of its norm in one step (healthy ~1e-3): the learning rate is probably too high"));
        }

        var lowest = ratios.MinBy(pair => pair.Value);
        if (!_warnedLow && !annealed && lowest.Value < TooLow)
        {
            _warnedLow = true;
            return new TrialEvent(TrialEventKind.UpdateRatio, epoch, string.Create(
                CultureInfo.InvariantCulture,
                $"layer {lowest.Key[Prefix.Length..]} changed by {lowest.Value:0.###e0} of its norm in one step (healthy ~1e-3): the learning rate is probably too low"));
        }

        return null;
    }

    public void Dispose() => ClearCopies();

    private void ClearCopies()
    {
        foreach (var copy in _before)
        {
            copy.Dispose();
        }

        _before.Clear();
    }
}
