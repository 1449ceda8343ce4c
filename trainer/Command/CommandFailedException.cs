using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>A trial's command failed (non-zero exit, silence past the report timeout): the trial fails with this message, not retried.</summary>
public sealed class CommandFailedException(string message) : TrialConfigurationException(message);
