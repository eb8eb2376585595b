using k8s;
using k8s.Models;

/// <summary>
/// The Kubernetes manifests under deploy/k8s, rendered by kustomize (kubectl's, offline) and
/// read back strictly by KubernetesClient, whose models know every field of the API: an unknown
/// field or a value of the wrong type fails the read.
/// </summary>
internal static class Manifests
{
    /// <summary>Every kustomization a user applies: the two overlays and the sweep submission.</summary>
    public static readonly string[] Kustomizations = ["overlays/cpu", "overlays/gpu", "submit"];

    /// <summary>The YAML stream `kubectl kustomize` renders for <paramref name="kustomization"/>.</summary>
    public static string Render(string kustomization)
    {
        var (exitCode, output, error) = Tool.Run("kubectl", null, "kustomize", Repository.Path("deploy", "k8s", kustomization));
        return exitCode == 0 ? output : throw new InvalidOperationException($"kubectl kustomize {kustomization} failed ({exitCode}): {error}");
    }

    /// <summary>Reads a YAML stream into typed objects, refusing unknown fields.</summary>
    public static IReadOnlyList<object> Read(string yaml) => KubernetesYaml.LoadAllFromString(yaml, strict: true);

    /// <summary>The rendered, strictly read objects of <paramref name="kustomization"/>.</summary>
    public static IReadOnlyList<object> Load(string kustomization) => Read(Render(kustomization));

    /// <summary>Checks a YAML stream with kubernetes-models' schemas under Node: the exit code and one line per object.</summary>
    public static (int exitCode, string report) CheckModels(string yaml)
    {
        var (exitCode, output, error) = Tool.Run("node", yaml, Repository.Path("tests", "Deploy.Tests", "models", "validate.mjs"));
        return (exitCode, output + error);
    }

    /// <summary>The pod templates of every workload among <paramref name="objects"/>, by workload name.</summary>
    public static IEnumerable<(string workload, V1PodSpec pod)> Pods(IEnumerable<object> objects) => objects.SelectMany(o => o switch
    {
        V1Deployment d => [(d.Metadata.Name, d.Spec.Template.Spec)],
        V1StatefulSet s => [(s.Metadata.Name, s.Spec.Template.Spec)],
        V1Job j => [(j.Metadata.Name, j.Spec.Template.Spec)],
        _ => Array.Empty<(string, V1PodSpec)>(),
    });

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>.</summary>
    public static T Single<T>(IEnumerable<object> objects, string name) where T : IMetadata<V1ObjectMeta> =>
        objects.OfType<T>().Single(o => o.Metadata.Name == name);
}
