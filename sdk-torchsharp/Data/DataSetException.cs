namespace HyperSearch.Trainer.Data;

/// <summary>
/// A data set is missing, corrupt or cannot be split as asked. A user error: the message names the
/// file or option and the problem, and is meant to be shown as it is.
/// </summary>
public sealed class DataSetException : HyperSearch.Sdk.TrialConfigurationException
{
    public DataSetException(string message)
        : base(message)
    {
    }

    public DataSetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
