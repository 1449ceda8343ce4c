using k8s;
using k8s.Models;

namespace HyperSearch.Deploy.Tests;

public sealed class ManifestSchemaTests
{
    public static TheoryData<string> Manifests() => new(RepoFiles.Manifests().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_ReadsStrictlyIntoTheKubernetesModel(string file)
    {
        var objects = K8sObjects.LoadFile(Path.Combine(RepoFiles.K8s, file));

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o));
    }

    [Fact]
    public void MisspeltField_FailsStrictReadingButNotLenientReading()
    {
        // The lenient reading shows what strictness buys: Kubernetes' own lenient decoders would
        // drop the field, and the container would run with no metrics port declared.
        var good = File.ReadAllText(Path.Combine(RepoFiles.K8s, "silo-statefulset.yaml"));
        var broken = good.Replace("containerPort: 9464", "containerPrt: 9464", StringComparison.Ordinal);
        Assert.NotEqual(good, broken);

        var error = Record.Exception(() => K8sObjects.Load(broken));

        Assert.NotNull(error);
        Assert.Contains("containerPrt", error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(KubernetesYaml.LoadAllFromString(broken, typeMap: null, strict: false));
    }

    [Fact]
    public void MisplacedField_FailsStrictReading()
    {
        // replicas belongs in spec, not in the pod template's metadata.
        var good = File.ReadAllText(Path.Combine(RepoFiles.K8s, "silo-statefulset.yaml"));
        var broken = good.Replace("      annotations:", "      replicas: 3\n      annotations:", StringComparison.Ordinal);
        Assert.NotEqual(good, broken);

        Assert.ThrowsAny<Exception>(() => K8sObjects.Load(broken));
    }
}
