using System.Reflection;
using HyperSearch.Silo.Trainers;

namespace HyperSearch.Tests.Plugins;

/// <summary>silo/Trainers/SdkVersionCheck.cs: a plugin built against another major version of the SDK is refused in one line.</summary>
public sealed class SdkVersionCheckTests
{
    private static AssemblyName Reference(string name, int major, int minor = 0) => new(name) { Version = new Version(major, minor, 0, 0) };

    [Theory]
    [InlineData("HyperSearch.Sdk")]
    [InlineData("HyperSearch.Sdk.TorchSharp")]
    public void OtherMajorVersion_IsRefusedWithBothVersions(string sdk)
    {
        var host = SdkVersionCheck.HostVersion;
        var refusal = SdkVersionCheck.Refusal("MyTrainer", [Reference("TorchSharp", 0, 107), Reference(sdk, host.Major + 1, 2)]);

        Assert.NotNull(refusal);
        Assert.DoesNotContain('\n', refusal);
        Assert.Contains($"MyTrainer was built against {sdk} {host.Major + 1}.2.0", refusal);
        Assert.Contains($"this host has {host.ToString(3)}", refusal);
    }

    [Fact]
    public void SameMajorVersion_OtherMinor_IsAccepted()
    {
        var host = SdkVersionCheck.HostVersion;

        Assert.Null(SdkVersionCheck.Refusal("MyTrainer", [Reference("HyperSearch.Sdk", host.Major, host.Minor + 3), Reference("HyperSearch.Sdk.TorchSharp", host.Major)]));
    }

    [Fact]
    public void HostVersion_IsTheOneDirectoryBuildPropsSets()
    {
        var props = File.ReadAllText(RepoFiles.PathOf("Directory.Build.props"));

        Assert.Contains($"<Version>{SdkVersionCheck.HostVersion.ToString(3)}</Version>", props);
    }
}
