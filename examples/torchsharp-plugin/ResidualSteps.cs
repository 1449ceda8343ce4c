using HyperSearch.Sdk;
using HyperSearch.Sdk.TorchSharp;
using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Examples.Residual;

/// <summary>
/// One trial: the model and its optimizer, an epoch of minibatches, the scores. The base class
/// (HyperSearch.Sdk.TorchSharp's StepTrainer) runs the epochs, keeps the best one, checkpoints and resumes.
/// </summary>
internal sealed class ResidualSteps : TrialSteps
{
    private const string ModelFile = "model.bin";
    private const string OptimizerFile = "optimizer.bin";

    private readonly TorchTrial _trial;
    private readonly ResidualSettings _settings;
    private readonly ResidualNet _model;
    private readonly AdamW _optimizer;

    public ResidualSteps(TorchTrial trial, ResidualSettings settings)
    {
        _trial = trial;
        _settings = settings;
        var data = trial.Data;
        _model = trial.CreateModel(() => new ResidualNet(data.Shape, settings.Width, settings.Blocks, data.Classes));
        _optimizer = optim.AdamW(_model.parameters(), settings.LearningRate, weight_decay: settings.WeightDecay);
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
            var count = Math.Min(_settings.BatchSize, train.Count - start);
            var rows = order.narrow(0, start, count);
            var features = train.Features.index_select(0, rows).to(_trial.Device);
            var labels = train.Labels.index_select(0, rows).to(_trial.Device);
            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.forward(features), labels, label_smoothing: _settings.LabelSmoothing);
            loss.backward();
            _optimizer.step();
            lossSum += loss.item<float>() * count;
        }

        return new Dictionary<string, double> { [ResidualTrainer.TrainLoss] = lossSum / train.Count };
    }

    public override IReadOnlyDictionary<string, double> Evaluate(int epoch)
    {
        var validation = ModelEvaluator.Evaluate(_model, _trial.Data.Validation, _trial.Device);
        return new Dictionary<string, double>
        {
            [ResidualTrainer.ValidationTop1] = validation.Accuracy,
            [ResidualTrainer.ValidationNll] = validation.Loss,
        };
    }

    public override BestEpochOutputs Predict()
    {
        var data = _trial.Data;
        var validation = ModelEvaluator.Predict(_model, data.Validation, data.Classes, _trial.Device);
        var test = ModelEvaluator.Predict(_model, data.Test, data.Classes, _trial.Device);
        return new BestEpochOutputs(validation, test, new Dictionary<string, double>
        {
            [ResidualTrainer.TestTop1] = test.Evaluation.Accuracy,
            [ResidualTrainer.TestNll] = test.Evaluation.Loss,
        });
    }

    public override void Save(string directory)
    {
        _model.save(Path.Combine(directory, ModelFile));
        _optimizer.save_state_dict(Path.Combine(directory, OptimizerFile));
    }

    public override void Load(string directory)
    {
        _model.load(Path.Combine(directory, ModelFile));
        _optimizer.load_state_dict(Path.Combine(directory, OptimizerFile));
        // Under PBT the state may be another trial's: this trial's own rate and decay apply from here.
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
