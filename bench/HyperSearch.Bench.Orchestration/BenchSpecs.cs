using HyperSearch.Spec;

namespace HyperSearch.Bench.Orchestration;

/// <summary>Sweeps for the simulated trainer: random search over the parameters its curve depends on.</summary>
public static class BenchSpecs
{
    public static SweepSpec Random(string name, int trials, int epochs, string scheduler = "{ type: none }") => SpecParser.Parse($$"""
        name: {{name}}
        data: { dataset: synthetic }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{trials}}, max_epochs: {{epochs}} }
        search: { strategy: random, seed: 1 }
        scheduler: {{scheduler}}
        space:
          lr: { loguniform: [1.0e-5, 1.0e-1] }
          weight_decay: { loguniform: [1.0e-6, 1.0e-2] }
          dropout: { uniform: [0.0, 0.5] }
        """);
}
