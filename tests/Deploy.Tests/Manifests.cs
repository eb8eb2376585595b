using k8s;
using k8s.Models;

/// <summary>
/// The Kubernetes manifests under deploy/k8s, rendered by kustomize (kubectl's, offline) and
/// read back strictly by KubernetesClient, whose models know every field of the API: an unknown
/// field or a value of the wrong type fails the read.
/// </summary>
internal static class Manifests
{
    /// <summary>
    /// Every kustomization a user applies: the two overlays, the sweep submission, and the GPU
    /// overlay with each optional component ("overlays/gpu+components/keda").
    /// </summary>
    public static readonly string[] Kustomizations =
    [
        "overlays/cpu", "overlays/gpu", "submit",
        .. Directory.GetDirectories(Repository.Path("deploy", "k8s", "components")).Order().Select(c => $"overlays/gpu+components/{Path.GetFileName(c)}"),
    ];

    /// <summary>The YAML stream `kubectl kustomize` renders for <paramref name="kustomization"/>, which may name components after a "+".</summary>
    public static string Render(string kustomization)
    {
        var parts = kustomization.Split('+');
        if (parts.Length == 1)
            return Kustomize(Repository.Path("deploy", "k8s", kustomization), kustomization);
        // The overlay that adds the components, beside them, as a user's own overlay would be.
        return RenderOverlay(Repository.Path("deploy", "k8s"), $"resources: [../{parts[0]}]\ncomponents: [{string.Join(", ", parts[1..].Select(c => "../" + c))}]\n");
    }

    /// <summary>
    /// What `kubectl kustomize` renders of <paramref name="overlay"/>, a kustomization.yaml written
    /// into a folder of its own in <paramref name="parent"/> (kustomize takes only relative paths,
    /// so the overlay must sit where its "../" paths lead), removed after.
    /// </summary>
    public static string RenderOverlay(string parent, string overlay)
    {
        var folder = Path.Combine(parent, $".render-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), overlay);
            return Kustomize(folder, overlay);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads a YAML stream into typed objects (the custom resources too: <see cref="CustomResources"/>), refusing unknown fields.</summary>
    public static IReadOnlyList<object> Read(string yaml) => KubernetesYaml.LoadAllFromString(yaml, CustomResources.TypeMap, strict: true);

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

    /// <summary>What `deploy/k8s/submit/submit.sh SWEEP_FILE --dry-run` makes: the ConfigMap and the Job of one sweep.</summary>
    public static string Submit(string sweepFile)
    {
        var (exitCode, output, error) = Tool.Run(Repository.Path("deploy", "k8s", "submit", "submit.sh"), null, sweepFile, "--dry-run");
        return exitCode == 0 ? output : throw new InvalidOperationException($"submit.sh {sweepFile} exited with {exitCode}: {error}");
    }

    private static string Kustomize(string folder, string kustomization)
    {
        var (exitCode, output, error) = Tool.Run("kubectl", null, "kustomize", folder);
        return exitCode == 0 ? output : throw new InvalidOperationException($"kubectl kustomize {kustomization} failed ({exitCode}): {error}");
    }

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>.</summary>
    public static T Single<T>(IEnumerable<object> objects, string name) where T : IMetadata<V1ObjectMeta> =>
        objects.OfType<T>().Single(o => o.Metadata.Name == name);
}
