using System.Text.Json;
using System.Text.Json.Nodes;
using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>The lines a persistent worker reads on stdin: a trial to train, and the answer to each of its reports.</summary>
internal static class WorkerAssignment
{
    public const string Continue = """{"type":"continue"}""";

    public const string Stop = """{"type":"stop"}""";

    /// <summary>One trial: everything a one-shot command would find in its environment, as one JSON line.</summary>
    public static string Trial(TrialContext context, string trialDirectory, string parametersJson)
    {
        var line = new JsonObject
        {
            ["type"] = "trial",
            ["id"] = context.TrialId,
            ["params"] = JsonNode.Parse(parametersJson),
            ["trial_dir"] = trialDirectory,
            ["max_epochs"] = context.MaxEpochs,
            ["seed"] = context.Seed,
            ["checkpoint_dir"] = context.Checkpoints?.Directory,
            ["checkpoint_every"] = context.Checkpoints?.EveryEpochs,
            ["resume_from"] = context.ResumeFrom?.Directory,
            ["resume_epoch"] = context.ResumeFrom?.Epoch,
        };
        return line.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
