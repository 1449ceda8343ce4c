using HyperSearch.Sdk.TorchSharp;
using HyperSearch.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HyperSearch.Trainer.Tests.Steps;

/// <summary>One trial of <see cref="TinyStepTrainer"/>: features -> 32 -> classes, Adam, batches of 50.</summary>
internal sealed class TinySteps : TrialSteps
{
    private readonly TorchTrial _trial;
    private readonly double _lr;
    private readonly Sequential _model;
    private readonly Adam _optimizer;

    public TinySteps(TorchTrial trial, double lr)
    {
        _trial = trial;
        _lr = lr;
        var data = trial.Data;
        _model = trial.CreateModel(() => nn.Sequential(("hidden", nn.Linear(data.FeatureCount, 32)), ("relu", nn.ReLU()), ("out", nn.Linear(32, data.Classes))));
        _optimizer = optim.Adam(_model.parameters(), lr);
    }

    public override IReadOnlyDictionary<string, double> TrainEpoch(int epoch)
    {
        _model.train();
        var train = _trial.Data.Train;
        using var order = randperm(train.Count, generator: _trial.Shuffle);
        double sum = 0;
        for (var start = 0; start < train.Count; start += 50)
        {
            _trial.Cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var rows = order.narrow(0, start, Math.Min(50, train.Count - start));
            _optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.forward(train.Features.index_select(0, rows)), train.Labels.index_select(0, rows));
            loss.backward();
            _optimizer.step();
            sum += loss.item<float>() * rows.shape[0];
        }

        return new Dictionary<string, double> { ["train_loss"] = sum / train.Count, ["lr"] = _optimizer.ParamGroups.First().LearningRate };
    }

    public override IReadOnlyDictionary<string, double> Evaluate(int epoch)
    {
        var validation = ModelEvaluator.Evaluate(_model, _trial.Data.Validation);
        return new Dictionary<string, double> { ["val_acc"] = validation.Accuracy, ["val_loss"] = validation.Loss };
    }

    public override BestEpochOutputs Predict()
    {
        var data = _trial.Data;
        var test = ModelEvaluator.Predict(_model, data.Test, data.Classes);
        return new BestEpochOutputs(ModelEvaluator.Predict(_model, data.Validation, data.Classes), test, new Dictionary<string, double> { ["test_acc"] = test.Evaluation.Accuracy });
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
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = _lr;
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
