using k8s;
using k8s.Models;

namespace HyperSearch.Deploy.Tests;

/// <summary>
/// Manifests read the way the API server reads them: into the official object model, strictly, so
/// a misspelt or misplaced field is an error here rather than a field Kubernetes silently drops.
/// </summary>
internal static class K8sObjects
{
    public static IReadOnlyList<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);

    public static IReadOnlyList<object> LoadFile(string path) => Load(File.ReadAllText(path));

    /// <summary>Every object of every manifest in deploy/k8s.</summary>
    public static IReadOnlyList<object> All() => RepoFiles.Manifests().SelectMany(LoadFile).ToList();

    public static IEnumerable<V1StatefulSet> StatefulSets() => All().OfType<V1StatefulSet>();

    public static V1ConfigMap Config() => All().OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "hypersearch-config");

    public static V1Container Silo(V1StatefulSet set) => set.Spec.Template.Spec.Containers.Single(c => c.Name == "silo");

    /// <summary>The silo's environment as the pod sees it: the config map's entries, then the container's own.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(V1StatefulSet set)
    {
        var silo = Silo(set);
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in silo.EnvFrom ?? [])
        {
            Assert.NotNull(source.ConfigMapRef);
            var map = All().OfType<V1ConfigMap>().Single(c => c.Metadata.Name == source.ConfigMapRef.Name);
            foreach (var (key, value) in map.Data)
            {
                env[key] = value;
            }
        }

        foreach (var variable in silo.Env ?? [])
        {
            env[variable.Name] = variable.Value;
        }

        return env;
    }
}
