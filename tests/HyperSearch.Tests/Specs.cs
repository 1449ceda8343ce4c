using HyperSearch.Spec;

namespace HyperSearch.Tests;

/// <summary>Small real sweeps: a few thousand Fashion-MNIST images, so a trial takes about a second.</summary>
public static class Specs
{
    public static string SmallYaml(int trials, int epochs = 2, string extra = "") => $$"""
        name: small
        data:
          dataset: fashion-mnist
          train_subset: 1000
          validation: 500
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: {{trials}}, max_epochs: {{epochs}} }
        search: { strategy: random, seed: 7 }
        space:
          lr: { loguniform: [3.0e-4, 3.0e-3] }
          optimizer: { choice: [adam] }
          batch_size: { choice: [64] }
          hidden: { choice: [[64]] }
        {{extra}}
        """;

    public static SweepSpec Small(int trials, int epochs = 2) => SpecParser.Parse(SmallYaml(trials, epochs));
}
