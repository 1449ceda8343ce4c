using HyperSearch.Silo.Trainers;

namespace HyperSearch.Tests;

/// <summary><c>hypersearch --version</c> prints the one version Directory.Build.props sets, which the SDK assemblies carry too.</summary>
public sealed class ConsoleVersionTests
{
    [Fact]
    public async Task Version_IsTheSdksVersion()
    {
        using var temp = new TempDirectory();

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromMinutes(1), "--version");

        Assert.Equal(0, result.ExitCode);
        // Informational version: 0.1.0, then +COMMIT when built from a git checkout.
        Assert.StartsWith(SdkVersionCheck.HostVersion.ToString(3), Assert.Single(result.OutLines));
    }
}
