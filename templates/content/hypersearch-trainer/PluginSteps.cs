using HyperSearch.Sdk.TorchSharp;
using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearchPlugin;

/// <summary>One trial: set up, train one epoch, evaluate, save, load. Replace the model with yours.</summary>
internal sealed class PluginSteps : TrialSteps
{
    private readonly TorchTrial _trial;
    private readonly PluginSettings _settings;
    private readonly Sequential _model;
    private readonly Adam _optimizer;

    public PluginSteps(TorchTrial trial, PluginSettings settings)
    {
        _trial = trial;
        _settings = settings;
        var data = trial.Data;
        // Seeded from the trial's seed and moved to the slot's device.
        _model = trial.CreateModel(() => nn.Sequential(
            ("hidden", nn.Linear(data.FeatureCount, settings.Hidden)),
            ("relu", nn.ReLU()),
            ("out", nn.Linear(settings.Hidden, data.Classes))));
        _optimizer = optim.Adam(_model.parameters(), settings.LearningRate);
    }

    public override IReadOnlyDictionary<string, double> TrainEpoch(int epoch)
    {
        _model.train();
        var train = _trial.Data.Train;
        using var order = randperm(train.Count, generator: _trial.Shuffle);
        double lossSum = 0;
        for (var start = 0; start < train.Count; start += _settings.BatchSize)
        {
            _trial.Cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var rows = order.narrow(0, start, Math.Min(_settings.BatchSize, train.Count - start));
            var features = train.Features.index_select(0, rows).to(_trial.Device);
            var labels = train.Labels.index_select(0, rows).to(_trial.Device);
            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.forward(features), labels);
            loss.backward();
            _optimizer.step();
            lossSum += loss.item<float>() * rows.shape[0];
        }

        return new Dictionary<string, double> { [PluginTrainer.TrainLoss] = lossSum / train.Count };
    }

    public override IReadOnlyDictionary<string, double> Evaluate(int epoch)
    {
        var validation = ModelEvaluator.Evaluate(_model, _trial.Data.Validation, _trial.Device);
        return new Dictionary<string, double>
        {
            [PluginTrainer.ValidationAccuracy] = validation.Accuracy,
            [PluginTrainer.ValidationLoss] = validation.Loss,
        };
    }

    /// <summary>The best epoch's predictions: its trial can join an ensemble, and reports its test accuracy.</summary>
    public override BestEpochOutputs Predict()
    {
        var data = _trial.Data;
        var validation = ModelEvaluator.Predict(_model, data.Validation, data.Classes, _trial.Device);
        var test = ModelEvaluator.Predict(_model, data.Test, data.Classes, _trial.Device);
        return new BestEpochOutputs(validation, test, new Dictionary<string, double> { [PluginTrainer.TestAccuracy] = test.Evaluation.Accuracy });
    }

    public override void Save(string directory)
    {
        _model.save(Path.Combine(directory, "model.bin"));
        _optimizer.save_state_dict(Path.Combine(directory, "optimizer.bin"));
    }

    public override void Load(string directory)
    {
        _model.load(Path.Combine(directory, "model.bin"));
        _optimizer.load_state_dict(Path.Combine(directory, "optimizer.bin"));
        // Under PBT the state may be another trial's: this trial's own learning rate applies from here.
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = _settings.LearningRate;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _optimizer.Dispose();
            _model.Dispose();
        }

        base.Dispose(disposing);
    }
}
