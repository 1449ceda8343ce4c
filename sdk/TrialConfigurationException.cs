namespace HyperSearch.Sdk;

/// <summary>
/// A trial cannot run as configured (a parameter, the data, the device): it fails with this message
/// and is not retried, since another attempt would fail the same way.
/// </summary>
public class TrialConfigurationException : Exception
{
    public TrialConfigurationException(string message)
        : base(message)
    {
    }

    public TrialConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
