using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

/// <summary>Spec texts and parse helpers shared by the tests; no test touches real data directories.</summary>
internal static class TestSpecs
{
    /// <summary>The example of docs/design.md, "Sweep spec (YAML) - the user contract", verbatim.</summary>
    public const string DesignExample = """
        name: fmnist-quick
        data:
          dataset: fashion-mnist          # fashion-mnist | mnist | cifar10 | synthetic
          path: /usr/share/datasets/fashion-mnist   # optional, default per data set
          train_subset: 5000              # optional: first N training images after a seeded shuffle
          validation: 5000                # held out from the training set
        objective: { metric: val_accuracy, mode: max }    # or val_loss / min
        budget: { trials: 16, max_epochs: 3, parallelism: 2, time_limit: 30m }
        search: { strategy: random, seed: 42 }            # random | grid | coarse-to-fine | tpe
                                                          # coarse-to-fine: rounds, top_k
        scheduler: { type: asha, grace_epochs: 1, reduction_factor: 3 }   # none | asha | hyperband | median
        space:
          lr:           { loguniform: [1.0e-5, 1.0e-1] }
          weight_decay: { loguniform: [1.0e-6, 1.0e-2] }
          optimizer:    { choice: [sgd, momentum, nesterov, adagrad, rmsprop, adam] }
          momentum:     { uniform: [0.5, 0.99], when: { optimizer: [momentum, nesterov] } }
          batch_size:   { choice: [64, 128, 256] }
          model:        { choice: [mlp, cnn] }
          hidden:       { choice: [[256], [512, 256]], when: { model: mlp } }
          activation:   { value: relu }
          dropout:      { uniform: [0.0, 0.5] }
        ensemble: { top_k: 5, method: greedy }            # average | greedy; optional
        """;

    /// <summary>Every directory exists and every strategy counts as available: only the text is judged.</summary>
    public static SpecParseOptions Lenient { get; } = new()
    {
        DirectoryExists = _ => true,
        RequireAvailableStrategies = false,
        Trainers = ToolboxSchemas.Instance,
    };

    /// <summary>Every directory exists; strategies must be implemented, as in production.</summary>
    public static SpecParseOptions AllDirectoriesExist { get; } = new() { DirectoryExists = _ => true, Trainers = ToolboxSchemas.Instance };

    /// <summary>A small valid spec whose sections can be replaced or extended one at a time.</summary>
    public static string Minimal(
        string space = "lr: { loguniform: [1.0e-4, 1.0e-1] }",
        string budget = "{ trials: 4 }",
        string extra = "") => $"""
        name: minimal
        budget: {budget}
        space:
          {space.ReplaceLineEndings("\n  ")}
        {extra}
        """;

    public static SweepSpec Parse(string yaml) => SpecParser.Parse(yaml, AllDirectoriesExist);

    /// <summary>Parses a spec that must fail, returning its errors as "path: message" lines.</summary>
    public static IReadOnlyList<string> Errors(string yaml, SpecParseOptions? options = null)
    {
        var exception = Assert.Throws<SpecException>(() => SpecParser.Parse(yaml, options ?? AllDirectoriesExist));
        return exception.Errors.Select(error => error.ToString()).ToArray();
    }

    /// <summary>Parses a spec with a space of its own and search settings, for searcher tests.</summary>
    public static SweepSpec WithSpace(string space, string search = "{ strategy: random, seed: 1 }") =>
        Parse(Minimal(space, extra: $"search: {search}"));
}
