using System.Text.RegularExpressions;
using k8s.Models;

/// <summary>deploy/k8s/README.md's commands name what the manifests and Dockerfiles hold: paths, objects, the Secret, ports and images.</summary>
public sealed partial class DeployReadmeTests
{
    private static readonly string Text = File.ReadAllText(Repository.Path("deploy", "k8s", "README.md"));

    private static readonly string Commands = string.Join('\n', CodeBlock().Matches(Text).Select(m => m.Groups[1].Value));

    /// <summary>What every kustomization renders, and what submit.sh makes of each file the README submits.</summary>
    private static readonly IReadOnlyList<object> Objects =
    [
        .. Manifests.Kustomizations.SelectMany(Manifests.Load),
        .. Regex.Matches(Commands, @"submit/submit\.sh (\S+)").Select(m => m.Groups[1].Value).Distinct().SelectMany(file => Manifests.Read(Manifests.Submit(Repository.Path(file)))),
    ];

    [Fact]
    public void Every_kustomization_and_dockerfile_it_names_exists()
    {
        // `-k deploy/k8s/…` and what its own overlay takes in (`../deploy/k8s/…`).
        var kustomizations = Regex.Matches(Commands, @"deploy/k8s/((?:overlays|components)/[\w-]+|submit)\b").Select(m => m.Groups[1].Value).ToHashSet();
        var dockerfiles = Regex.Matches(Commands, @"-f (deploy/docker/\S+)").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("overlays/gpu", kustomizations);
        Assert.All(kustomizations, k => Assert.True(File.Exists(Repository.Path("deploy", "k8s", k, "kustomization.yaml")), k));
        Assert.Equal(2, dockerfiles.Count);
        Assert.All(dockerfiles, f => Assert.True(File.Exists(Repository.Path(f)), f));
    }

    [Fact]
    public void Every_object_it_names_is_rendered_in_the_namespace_it_uses()
    {
        var named = Regex.Matches(Commands, @"\b(deployment|statefulset|job|svc)/([a-z0-9-]+)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).Distinct().ToList();

        Assert.NotEmpty(named);
        foreach (var (kind, name) in named)
            Assert.True(Objects.Any(o => (kind, o) switch
            {
                ("deployment", V1Deployment d) => d.Metadata.Name == name,
                ("statefulset", V1StatefulSet s) => s.Metadata.Name == name,
                ("job", V1Job j) => j.Metadata.Name == name,
                ("svc", V1Service s) => s.Metadata.Name == name,
                _ => false,
            }), $"{kind}/{name}");
        Assert.All(Regex.Matches(Commands, @"kubectl -n (\S+)").Select(m => m.Groups[1].Value), n => Assert.Equal("sweep", n));
    }

    [Fact]
    public void The_secret_it_creates_is_the_one_every_pod_reads()
    {
        var created = Regex.Match(Commands, @"create secret generic (\S+) --from-literal=(\w+)=");
        var read = Manifests.Pods(Objects).SelectMany(p => p.pod.Containers).SelectMany(c => c.Env ?? [])
            .Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => (e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key)).ToHashSet();

        Assert.True(created.Success);
        Assert.Equal([(created.Groups[1].Value, created.Groups[2].Value)], read);
    }

    [Fact]
    public void The_ports_it_forwards_are_postgres_and_the_silo_gateway()
    {
        var postgres = Regex.Match(Commands, @"port-forward svc/sweep-postgres \d+:(\d+)");
        var gateway = Regex.Match(Commands, @"port-forward deployment/sweep-silo \d+:(\d+)");
        var cluster = Manifests.Load("overlays/gpu");
        var silo = Assert.Single(Manifests.Single<V1Deployment>(cluster, "sweep-silo").Spec.Template.Spec.Containers);

        Assert.Equal(Manifests.Single<V1Service>(cluster, "sweep-postgres").Spec.Ports.Single().Port.ToString(), postgres.Groups[1].Value);
        Assert.Equal(silo.Ports.Single(p => p.Name == "gateway").ContainerPort.ToString(), gateway.Groups[1].Value);
        Assert.Contains($"--gateway-port\n{gateway.Groups[1].Value}", string.Join('\n', silo.Args), StringComparison.Ordinal);
    }

    [Fact]
    public void The_images_it_builds_are_the_ones_the_kustomizations_run()
    {
        var built = Regex.Matches(Commands, @"docker build .* -t (\S+) \.").Select(m => m.Groups[1].Value).ToHashSet();
        var run = Manifests.Pods(Objects).SelectMany(p => p.pod.Containers).Select(c => c.Image).Where(i => i.Contains("/sweep:", StringComparison.Ordinal)).ToHashSet();

        Assert.Equal(built, run);
    }

    [Fact]
    public void Its_own_overlay_renders_and_reads_strictly_with_the_storage_class_and_pull_secret()
    {
        var yaml = RenderOverlay(Overlay);
        var objects = Manifests.Read(yaml);

        Assert.Equal("nfs-client", Manifests.Single<V1PersistentVolumeClaim>(objects, "sweep-shared").Spec.StorageClassName);
        Assert.All(objects.OfType<V1Deployment>(), d => Assert.Equal("regcred", Assert.Single(d.Spec.Template.Spec.ImagePullSecrets).Name));
        Assert.Equal("sweep-postgres.sweep.svc.cluster.local", KedaHost(objects));
        Assert.Equal(0, Manifests.CheckModels(yaml).exitCode);
    }

    [Fact]
    public void Its_own_overlay_in_another_namespace_has_keda_ask_the_postgres_there()
    {
        // As "Another namespace" says: one line added to the overlay.
        var objects = Manifests.Read(RenderOverlay("namespace: research\n" + Overlay));

        Assert.Equal("research", Manifests.Single<V1Service>(objects, "sweep-postgres").Metadata.NamespaceProperty);
        Assert.Equal("sweep-postgres.research.svc.cluster.local", KedaHost(objects));
    }

    /// <summary>The overlay of step 2, my-cluster/kustomization.yaml.</summary>
    private static string Overlay => CodeBlock().Matches(Text).Select(m => m.Groups[1].Value).Single(b => b.Contains("kind: Kustomization", StringComparison.Ordinal));

    private static string KedaHost(IEnumerable<object> objects) => Assert.Single(Assert.Single(objects.OfType<ScaledObject>()).Spec.Triggers).Metadata["host"];

    /// <summary>What `kubectl kustomize` renders of <paramref name="overlay"/>, laid out as README says: my-cluster/ beside deploy/, in the checkout.</summary>
    private static string RenderOverlay(string overlay) => Manifests.RenderOverlay(Repository.Root, overlay);

    [Fact]
    public void Submit_makes_a_job_of_its_own_for_each_sweep_and_refuses_a_missing_file()
    {
        var smoke = Manifests.Read(Manifests.Submit(Repository.Path("deploy", "k8s", "submit", "sweep.yaml"))).OfType<V1Job>().Single();
        var grid = Manifests.Read(Manifests.Submit(Repository.Path("sweeps", "lr-grid.yaml"))).OfType<V1Job>().Single();
        var (exitCode, _, error) = Tool.Run(Repository.Path("deploy", "k8s", "submit", "submit.sh"), null, "no-such-sweep.yaml");

        Assert.Equal(("sweep-submit-k8s-smoke", "sweep-submit-lr-grid"), (smoke.Metadata.Name, grid.Metadata.Name));
        Assert.NotEqual(smoke.Spec.Template.Spec.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Name, grid.Spec.Template.Spec.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Name);
        Assert.Equal(2, exitCode);
        Assert.Contains("no-such-sweep.yaml: no such readable file", error, StringComparison.Ordinal);
    }

    /// <summary>A fenced code block, with or without a language, from its opening fence to its closing one.</summary>
    [GeneratedRegex(@"^```\w*\n(.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlock();
}
