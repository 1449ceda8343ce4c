using System.Diagnostics;
using k8s;
using k8s.Models;

namespace HyperSearch.Deploy.Tests;

public sealed class KustomizeTests
{
    [Fact]
    public void Kustomization_ListsEveryManifest()
    {
        var text = File.ReadAllText(Path.Combine(RepoFiles.K8s, "kustomization.yaml"));

        Assert.All(RepoFiles.Manifests(), f => Assert.Contains($"- {Path.GetFileName(f)}", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KubectlKustomize_BuildsEveryObjectOfTheManifests()
    {
        var (code, output, error) = await RunAsync("kubectl", "kustomize", RepoFiles.K8s);

        Assert.True(code == 0, $"kubectl kustomize failed ({code}): {error}");
        var built = K8sObjects.Load(output).Select(Key).Order().ToList();
        var files = K8sObjects.All().Select(Key).Order().ToList();
        Assert.Equal(files, built);
    }

    private static string Key(object o)
    {
        var k = (IKubernetesObject<V1ObjectMeta>)o;
        return $"{k.Kind}/{k.Metadata.Name}";
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip($"{file} is not installed: the manifests were still read strictly by the other tests");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await output, await error);
        }
    }
}
