namespace HyperSearch.Trainer.Training;

/// <summary>
/// A training parameter has the wrong type, an unknown name or an out-of-range value. A user error:
/// the message names the parameter and is meant to be shown as it is.
/// </summary>
public sealed class InvalidTrainingConfigException : HyperSearch.Sdk.TrialConfigurationException
{
    public InvalidTrainingConfigException(string message)
        : base(message)
    {
    }

    public InvalidTrainingConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
