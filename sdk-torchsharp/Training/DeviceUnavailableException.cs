namespace HyperSearch.Trainer.Training;

/// <summary>A job or slot asked for a GPU that this process cannot use. A configuration error: retrying will not help.</summary>
public sealed class DeviceUnavailableException : HyperSearch.Sdk.TrialConfigurationException
{
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
