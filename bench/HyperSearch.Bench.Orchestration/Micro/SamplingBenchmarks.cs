using BenchmarkDotNet.Attributes;
using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Bench.Orchestration.Micro;

/// <summary>Proposing a configuration: random draws over docs/design.md's example space, and TPE with many results in.</summary>
public class SamplingBenchmarks
{
    private SweepSpec _spec = null!;
    private TpeSearcher _tpe = null!;
    private int _trial;

    [Params(100, 1000)]
    public int Observed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _spec = SpecParser.Parse("""
            name: micro
            data: { dataset: synthetic }
            objective: { metric: val_accuracy, mode: max }
            budget: { trials: 1000000, max_epochs: 3 }
            search: { strategy: tpe, seed: 42 }
            space:
              lr:           { loguniform: [1.0e-5, 1.0e-1] }
              weight_decay: { loguniform: [1.0e-6, 1.0e-2] }
              optimizer:    { choice: [sgd, momentum, nesterov, adagrad, rmsprop, adam] }
              momentum:     { uniform: [0.5, 0.99], when: { optimizer: [momentum, nesterov] } }
              batch_size:   { choice: [64, 128, 256] }
              model:        { choice: [mlp, cnn] }
              hidden:       { choice: [[256], [512, 256]], when: { model: mlp } }
              dropout:      { uniform: [0.0, 0.5] }
            """);
        _tpe = new TpeSearcher(_spec);
        for (var i = 0; i < Observed; i++)
        {
            var parameters = RandomSearcher.Draw(_spec.Space, 42, i);
            var lr = parameters["lr"].Number;
            _tpe.Observe(new TrialObservation(i, parameters, -Math.Abs(Math.Log10(lr) + 3), 3));
        }

        _trial = Observed;
    }

    [Benchmark(Description = "random: draw one configuration")]
    public Dictionary<string, ParamValue> RandomDraw() => RandomSearcher.Draw(_spec.Space, 42, _trial++);

    [Benchmark(Description = "tpe: suggest with N results")]
    public Suggestion TpeSuggest() => _tpe.Suggest(_trial++);

    [Benchmark(Description = "tpe: observe one result")]
    public void TpeObserve()
    {
        var trial = _trial++;
        _tpe.Observe(new TrialObservation(trial, RandomSearcher.Draw(_spec.Space, 42, trial), 0.5, 3));
    }
}
