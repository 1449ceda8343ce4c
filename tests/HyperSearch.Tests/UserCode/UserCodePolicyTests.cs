using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Trainers;
using HyperSearch.Spec;

namespace HyperSearch.Tests.UserCode;

/// <summary>
/// The plugin allow-list judges paths as the silo's roots do (core/Paths/AllowedRoots.cs): links
/// resolved on both sides, so an allowed directory named through a link allows what lies under its
/// target, and a link out of an allowed directory does not smuggle a plugin in.
/// </summary>
public sealed class UserCodePolicyTests
{
    [Fact]
    public void PluginDirectory_NamedThroughALink_AllowsThePluginsUnderItsTarget_AndOnlyThose()
    {
        using var temp = new TempDirectory();
        var real = Directory.CreateDirectory(Path.Combine(temp.Path, "plugins")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(temp.Path, "elsewhere")).FullName;
        var link = Path.Combine(temp.Path, "plugins-link");
        File.CreateSymbolicLink(link, real);
        File.CreateSymbolicLink(Path.Combine(real, "escape"), elsewhere);
        var policy = new UserCodePolicy(new SiloSettings { AllowPlugins = link });

        policy.RequirePlugin(Path.Combine(real, "My.dll"));
        policy.RequirePlugin(Path.Combine(link, "My.dll"));
        var refused = Assert.Throws<TrainerUnavailableException>(() => policy.RequirePlugin(Path.Combine(real, "escape", "My.dll")));
        Assert.Contains("is not in a directory this silo loads plugins from", refused.Message);
    }
}
