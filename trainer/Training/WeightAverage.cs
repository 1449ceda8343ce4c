using HyperSearch.Trainer.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Training;

/// <summary>
/// An exponential moving average of a model's parameters (Polyak averaging; the <c>ema</c>
/// parameter): after every optimizer step, average = d x average + (1 - d) x weights. Each epoch
/// the averaged weights are evaluated in the model itself (swapped in, batch-norm statistics
/// recomputed over the training images, since those the raw weights gathered do not fit them,
/// then swapped back), so no second model is built.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly double _decay;
    private readonly Dictionary<string, Tensor> _average;

    /// <summary>Starts from the model's weights as they are (the first epoch's, or a resumed attempt's).</summary>
    public WeightAverage(nn.Module<Tensor, Tensor> model, double decay)
    {
        _model = model;
        _decay = decay;
        _average = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
    }

    /// <summary>One step of the average; after each optimizer step.</summary>
    public void Update()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in _model.named_parameters())
        {
            _average[name].mul_(_decay).add_(parameter, alpha: 1 - _decay);
        }
    }

    /// <summary>The averaged parameters, by name (for tests).</summary>
    public IReadOnlyDictionary<string, Tensor> Parameters => _average;

    /// <summary>
    /// The averaged weights' validation figures, and their whole state (batch-norm statistics
    /// recomputed) for the caller to keep or dispose; the model holds its raw weights again after.
    /// </summary>
    public (Evaluation Validation, Dictionary<string, Tensor> State) Evaluate(LabeledTensors train, LabeledTensors validation, int batchSize, Device device)
    {
        var raw = Clone(_model.state_dict());
        try
        {
            using (no_grad())
            {
                foreach (var (name, parameter) in _model.named_parameters())
                {
                    parameter.copy_(_average[name]);
                }
            }

            RecomputeBatchNorm(train, batchSize, device);
            var evaluation = ModelEvaluator.Evaluate(_model, validation, device);
            return (evaluation, Clone(_model.state_dict()));
        }
        finally
        {
            _model.load_state_dict(raw);
            foreach (var tensor in raw.Values)
            {
                tensor.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _average.Values)
        {
            tensor.Dispose();
        }
    }

    /// <summary>Each batch norm's running statistics as the cumulative average over one pass of the training images (momentum null), in training mode.</summary>
    private void RecomputeBatchNorm(LabeledTensors train, int batchSize, Device device)
    {
        var norms = _model.modules().OfType<NormBase>().Where(n => n.track_running_stats).ToList();
        if (norms.Count == 0)
        {
            return;
        }

        var momenta = norms.Select(n => n.momentum).ToList();
        foreach (var norm in norms)
        {
            norm.reset_running_stats();
            norm.momentum = null;
        }

        _model.train();
        using (no_grad())
        {
            for (var start = 0; start < train.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var features = train.Features.narrow(0, start, Math.Min(batchSize, train.Count - start));
                _model.forward(device.type == TorchSharp.DeviceType.CPU ? features : features.to(device));
            }
        }

        for (var i = 0; i < norms.Count; i++)
        {
            norms[i].momentum = momenta[i];
        }
    }

    private static Dictionary<string, Tensor> Clone(IDictionary<string, Tensor> state) =>
        state.ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone());
}
