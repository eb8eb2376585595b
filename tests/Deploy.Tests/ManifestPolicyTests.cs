using System.Text.RegularExpressions;
using k8s.Models;
using Silo.Slots;

/// <summary>What every rendered manifest must hold to: the rules a reviewer would check by hand.</summary>
public sealed partial class ManifestPolicyTests
{
    public static TheoryData<string> Kustomizations => [.. Manifests.Kustomizations];

    [Fact]
    public void The_gpu_overlay_gives_each_silo_one_gpu_by_its_request_alone_and_the_cpu_overlay_none()
    {
        var gpu = Manifests.Single<V1Deployment>(Manifests.Load("overlays/gpu"), "sweep-silo").Spec.Template.Spec;
        var cpu = Manifests.Single<V1Deployment>(Manifests.Load("overlays/cpu"), "sweep-silo").Spec.Template.Spec;

        Assert.Equal("1", gpu.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Contains("--device\ncuda\n", string.Join('\n', gpu.Containers[0].Args) + "\n", StringComparison.Ordinal);
        // Slots per GPU, an overlay setting.
        Assert.Contains("--slots\n1\n", string.Join('\n', gpu.Containers[0].Args) + "\n", StringComparison.Ordinal);
        // Stock GKE, EKS and AKS nodes have neither GPU feature discovery's label nor an "nvidia" RuntimeClass.
        Assert.Null(gpu.NodeSelector);
        Assert.Null(gpu.RuntimeClassName);
        Assert.Contains(gpu.Tolerations, t => t.Key == "nvidia.com/gpu" && t.Effect == "NoSchedule");
        Assert.DoesNotContain(Manifests.Pods(Manifests.Load("overlays/cpu")).SelectMany(p => p.pod.Containers),
            c => (c.Resources?.Limits?.ContainsKey("nvidia.com/gpu") ?? false) || (c.Resources?.Requests?.ContainsKey("nvidia.com/gpu") ?? false));
        Assert.Contains("cpu", cpu.Containers[0].Args);
        Assert.Null(cpu.NodeSelector);
    }

    [Fact]
    public void The_gpu_node_components_add_the_feature_discovery_label_and_the_nvidia_runtime_class()
    {
        var discovered = Manifests.Single<V1Deployment>(Manifests.Load("overlays/gpu+components/gpu-feature-discovery"), "sweep-silo").Spec.Template.Spec;
        var runtime = Manifests.Single<V1Deployment>(Manifests.Load("overlays/gpu+components/nvidia-runtime-class"), "sweep-silo").Spec.Template.Spec;

        Assert.Equal("true", discovered.NodeSelector["nvidia.com/gpu.present"]);
        Assert.Equal("nvidia", runtime.RuntimeClassName);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_selector_and_claim_names_something_that_is_rendered(string kustomization)
    {
        var objects = Manifests.Load(kustomization);
        // The submit Job runs beside the cluster's objects: the policies name its pods, and its
        // pods reach the cluster's.
        List<object> cluster = kustomization == "submit" ? [.. objects, .. Manifests.Load("overlays/cpu")] : [.. objects, .. Manifests.Load("submit")];

        Assert.Empty(Unmatched(cluster));
    }

    [Fact]
    public void A_selector_that_matches_no_pod_is_found()
    {
        var yaml = Manifests.Render("overlays/gpu+components/keda");
        var policy = yaml.IndexOf("kind: NetworkPolicy", StringComparison.Ordinal);
        var broken = yaml[..policy] + yaml[policy..].Replace("app.kubernetes.io/instance: sweep-postgres", "app.kubernetes.io/instance: sweep-postgress", StringComparison.Ordinal);
        broken = broken.Replace("claimName: sweep-shared", "claimName: sweep-shard", StringComparison.Ordinal);

        var problems = Unmatched([.. Manifests.Read(broken), .. Manifests.Load("submit")]);

        Assert.Contains(problems, p => p.StartsWith("NetworkPolicy sweep-postgres: podSelector", StringComparison.Ordinal));
        Assert.Contains("Deployment sweep-silo: claimName sweep-shard is no PersistentVolumeClaim", problems);
    }

    [Theory]
    [InlineData("overlays/cpu")]
    [InlineData("overlays/gpu")]
    public void Postgres_is_kept_through_drains_and_autoscaling_and_silos_may_go(string kustomization)
    {
        var objects = Manifests.Load(kustomization);
        var postgres = Manifests.Single<V1StatefulSet>(objects, "sweep-postgres");
        var silo = Manifests.Single<V1Deployment>(objects, "sweep-silo");
        const string SafeToEvict = "cluster-autoscaler.kubernetes.io/safe-to-evict";

        Assert.Equal("false", postgres.Spec.Template.Metadata.Annotations[SafeToEvict]);
        Assert.Equal("true", silo.Spec.Template.Metadata.Annotations[SafeToEvict]);
        Assert.Equal("0", Manifests.Single<V1PodDisruptionBudget>(objects, "sweep-postgres").Spec.MaxUnavailable.Value);
        var headless = Manifests.Single<V1Service>(objects, postgres.Spec.ServiceName);
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.Equal("OnRootMismatch", postgres.Spec.Template.Spec.SecurityContext.FsGroupChangePolicy);
        var shm = postgres.Spec.Template.Spec.Volumes.Single(v => v.Name == postgres.Spec.Template.Spec.Containers[0].VolumeMounts.Single(m => m.MountPath == "/dev/shm").Name);
        Assert.Equal("Memory", shm.EmptyDir.Medium);
    }

    [Fact]
    public void The_keda_component_scales_the_silos_from_zero_on_the_store_with_the_secrets_password()
    {
        var objects = Manifests.Load("overlays/gpu+components/keda");
        var scaled = Manifests.Single<ScaledObject>(objects, "sweep-silo");
        var trigger = Assert.Single(scaled.Spec.Triggers);
        var postgres = Manifests.Single<V1StatefulSet>(objects, "sweep-postgres").Spec.Template.Spec.Containers[0];

        Assert.Equal(0, scaled.Spec.MinReplicaCount);
        Assert.Equal("postgresql", trigger.Type);
        Assert.Equal($"sweep-postgres.{scaled.Metadata.NamespaceProperty}.svc.cluster.local", trigger.Metadata["host"]);
        Assert.Equal(postgres.Env.Single(e => e.Name == "POSTGRES_USER").Value, trigger.Metadata["userName"]);
        Assert.Equal(postgres.Env.Single(e => e.Name == "POSTGRES_DB").Value, trigger.Metadata["dbName"]);
        var password = Assert.Single(Manifests.Single<TriggerAuthentication>(objects, trigger.AuthenticationRef!.Name).Spec.SecretTargetRef);
        Assert.Equal(("password", "sweep-postgres", "password"), (password.Parameter, password.Name, password.Key));
    }

    [Fact]
    public void The_prometheus_components_scrape_the_silos_health_port()
    {
        var objects = Manifests.Load("overlays/gpu+components/prometheus-operator");
        var silo = Manifests.Single<V1Deployment>(objects, "sweep-silo").Spec.Template;
        var endpoint = Assert.Single(Manifests.Single<PodMonitor>(objects, "sweep-silo").Spec.PodMetricsEndpoints);
        var health = silo.Spec.Containers[0].Ports.Single(p => p.Name == endpoint.Port);

        Assert.Equal("/metrics", endpoint.Path);
        Assert.Equal(health.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), silo.Metadata.Annotations["prometheus.io/port"]);
        Assert.Contains($"--health-port\n{health.ContainerPort}", string.Join('\n', silo.Spec.Containers[0].Args), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void No_secret_is_written_down(string kustomization)
    {
        var objects = Manifests.Load(kustomization);

        Assert.Empty(objects.OfType<V1Secret>());
        foreach (var (workload, pod) in Manifests.Pods(objects))
        foreach (var container in pod.Containers)
        {
            foreach (var variable in container.Env ?? [])
            {
                if (Credential().IsMatch(variable.Name))
                    Assert.True(variable.ValueFrom?.SecretKeyRef is not null, $"{workload}: {variable.Name} must come from a Secret");
                Assert.DoesNotMatch(PasswordInUrl(), variable.Value ?? "");
            }
            foreach (var argument in container.Args ?? [])
            {
                Assert.DoesNotMatch(PasswordInUrl(), argument);
                Assert.False(Credential().IsMatch(argument), $"{workload}: the argument {argument} passes a credential");
            }
        }
        foreach (var map in objects.OfType<V1ConfigMap>())
            Assert.DoesNotContain(map.Data.Values, v => Credential().IsMatch(v) || PasswordInUrl().IsMatch(v));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_container_runs_as_non_root_without_privilege_escalation_on_a_read_only_root(string kustomization)
    {
        foreach (var (workload, pod) in Manifests.Pods(Manifests.Load(kustomization)))
        {
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{workload}: runAsNonRoot");
            Assert.True(pod.SecurityContext!.RunAsUser > 0, $"{workload}: runAsUser");
            foreach (var container in pod.Containers)
            {
                Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{workload}/{container.Name}: allowPrivilegeEscalation");
                Assert.True(container.SecurityContext!.ReadOnlyRootFilesystem == true, $"{workload}/{container.Name}: readOnlyRootFilesystem");
                Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_container_requests_cpu_and_memory_within_its_limits(string kustomization)
    {
        foreach (var (workload, pod) in Manifests.Pods(Manifests.Load(kustomization)))
        foreach (var container in pod.Containers)
        foreach (var resource in new[] { "cpu", "memory" })
        {
            Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true, $"{workload}/{container.Name}: no {resource} request");
            Assert.True(container.Resources.Limits?.ContainsKey(resource) == true, $"{workload}/{container.Name}: no {resource} limit");
            Assert.True(container.Resources.Requests[resource].ToDecimal() <= container.Resources.Limits[resource].ToDecimal(),
                $"{workload}/{container.Name}: {resource} request {container.Resources.Requests[resource]} exceeds its limit {container.Resources.Limits[resource]}");
        }
    }

    [Theory]
    [InlineData("overlays/cpu")]
    [InlineData("overlays/gpu")]
    public void Every_long_running_container_has_readiness_and_liveness_probes(string kustomization)
    {
        var servers = Manifests.Load(kustomization).Where(o => o is V1Deployment or V1StatefulSet);

        foreach (var (workload, pod) in Manifests.Pods(servers))
        foreach (var container in pod.Containers)
        {
            Assert.True(container.ReadinessProbe is not null, $"{workload}/{container.Name}: readinessProbe");
            Assert.True(container.LivenessProbe is not null, $"{workload}/{container.Name}: livenessProbe");
        }
    }

    [Theory]
    [InlineData("overlays/cpu")]
    [InlineData("overlays/gpu")]
    public void A_silo_pod_is_given_longer_to_stop_than_its_hand_back_and_leave_take(string kustomization)
    {
        var silo = Manifests.Single<V1Deployment>(Manifests.Load(kustomization), "sweep-silo").Spec.Template.Spec;

        // The silo's host stops within SlotRunner.HandBackBound + 20 s (SweepClusterExtensions.AddSweepSlots).
        Assert.True(silo.TerminationGracePeriodSeconds >= (SlotRunner.HandBackBound + TimeSpan.FromSeconds(20)).TotalSeconds + 5,
            $"terminationGracePeriodSeconds = {silo.TerminationGracePeriodSeconds}");
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Images_are_pinned_by_a_tag_that_is_not_latest(string kustomization)
    {
        foreach (var (workload, pod) in Manifests.Pods(Manifests.Load(kustomization)))
        foreach (var container in pod.Containers)
        {
            var slash = container.Image.LastIndexOf('/');
            var colon = container.Image.LastIndexOf(':');
            Assert.True(colon > slash, $"{workload}/{container.Name}: '{container.Image}' has no tag");
            Assert.NotEqual("latest", container.Image[(colon + 1)..]);
        }
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Every_object_and_pod_template_carries_the_recommended_labels_in_the_sweep_namespace(string kustomization)
    {
        var objects = Manifests.Load(kustomization);
        foreach (var meta in objects.OfType<IMetadata<V1ObjectMeta>>().Select(o => o.Metadata))
        {
            Assert.Equal("sweep", meta.Labels["app.kubernetes.io/part-of"]);
            Assert.Equal("kustomize", meta.Labels["app.kubernetes.io/managed-by"]);
            Assert.True(meta.Labels.ContainsKey("app.kubernetes.io/name"), $"{meta.Name}: app.kubernetes.io/name");
            Assert.True(meta.Labels.ContainsKey("app.kubernetes.io/instance"), $"{meta.Name}: app.kubernetes.io/instance");
            if (meta.Name != "sweep")
            {
                Assert.Equal("sweep", meta.NamespaceProperty);
                Assert.True(meta.Labels.ContainsKey("app.kubernetes.io/component"), $"{meta.Name}: app.kubernetes.io/component");
            }
        }
        // What kustomize injects reaches every object's metadata, not the pods': those are the template's own.
        foreach (var (workload, template) in Templates(objects))
        foreach (var label in new[] { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/part-of" })
            Assert.True(template.Metadata.Labels?.ContainsKey(label) == true, $"{workload}: its pods lack {label}");
    }

    /// <summary>What a selector or a claim names that nothing rendered is: each line says which object and what.</summary>
    private static List<string> Unmatched(IReadOnlyList<object> objects)
    {
        var pods = Templates(objects).Select(t => t.template.Metadata.Labels ?? new Dictionary<string, string>()).ToList();
        bool Matches(IDictionary<string, string>? selector) => selector is { Count: > 0 } && pods.Any(labels => selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value));
        var problems = new List<string>();
        foreach (var policy in objects.OfType<V1NetworkPolicy>())
        {
            if (!Matches(policy.Spec.PodSelector.MatchLabels))
                problems.Add($"NetworkPolicy {policy.Metadata.Name}: podSelector matches no pod");
            foreach (var peer in (policy.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? []).Where(p => p.NamespaceSelector is null && p.PodSelector is not null))
                if (!Matches(peer.PodSelector.MatchLabels))
                    problems.Add($"NetworkPolicy {policy.Metadata.Name}: from podSelector {string.Join(",", peer.PodSelector.MatchLabels)} matches no pod");
        }
        problems.AddRange(objects.OfType<V1Service>().Where(s => !Matches(s.Spec.Selector)).Select(s => $"Service {s.Metadata.Name}: selector matches no pod"));
        problems.AddRange(objects.OfType<V1PodDisruptionBudget>().Where(b => !Matches(b.Spec.Selector.MatchLabels)).Select(b => $"PodDisruptionBudget {b.Metadata.Name}: selector matches no pod"));
        problems.AddRange(objects.OfType<PodMonitor>().Where(m => !Matches(m.Spec.Selector.MatchLabels)).Select(m => $"PodMonitor {m.Metadata.Name}: selector matches no pod"));
        problems.AddRange(objects.OfType<ScaledObject>().Where(s => !objects.OfType<V1Deployment>().Any(d => d.Metadata.Name == s.Spec.ScaleTargetRef.Name))
            .Select(s => $"ScaledObject {s.Metadata.Name}: no Deployment {s.Spec.ScaleTargetRef.Name}"));
        foreach (var deployment in objects.OfType<V1Deployment>().Where(d => !Matches(d.Spec.Selector.MatchLabels)))
            problems.Add($"Deployment {deployment.Metadata.Name}: its selector matches no pod");
        var claims = objects.OfType<V1PersistentVolumeClaim>().Select(c => c.Metadata.Name).ToHashSet();
        foreach (var (workload, pod) in Manifests.Pods(objects))
        foreach (var claim in (pod.Volumes ?? []).Where(v => v.PersistentVolumeClaim is not null).Select(v => v.PersistentVolumeClaim.ClaimName))
            if (!claims.Contains(claim))
                problems.Add($"{objects.OfType<IMetadata<V1ObjectMeta>>().First(o => o.Metadata.Name == workload).GetType().Name[2..]} {workload}: claimName {claim} is no PersistentVolumeClaim");
        return problems;
    }

    /// <summary>The pod templates of every workload, by workload name.</summary>
    private static IEnumerable<(string workload, V1PodTemplateSpec template)> Templates(IEnumerable<object> objects) => objects.SelectMany(o => o switch
    {
        V1Deployment d => [(d.Metadata.Name, d.Spec.Template)],
        V1StatefulSet s => [(s.Metadata.Name, s.Spec.Template)],
        V1Job j => [(j.Metadata.Name, j.Spec.Template)],
        _ => Array.Empty<(string, V1PodTemplateSpec)>(),
    });

    /// <summary>A variable name, argument or text that carries a credential.</summary>
    [GeneratedRegex("PASSWORD|PASSWD|SECRET|TOKEN|--password", RegexOptions.IgnoreCase)]
    private static partial Regex Credential();

    /// <summary>A URL with a password in it: scheme://user:password@host.</summary>
    [GeneratedRegex(@"://[^/@:\s]+:[^/@\s]+@")]
    private static partial Regex PasswordInUrl();

    [Fact]
    public void Only_silos_and_clients_reach_postgres()
    {
        var policy = Manifests.Single<V1NetworkPolicy>(Manifests.Load("overlays/cpu"), "sweep-postgres");

        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
        var rule = Assert.Single(policy.Spec.Ingress);
        Assert.Equal(["client", "silo"], rule.FromProperty.Select(p => p.PodSelector.MatchLabels["app.kubernetes.io/component"]).Order());
        Assert.Equal("5432", Assert.Single(rule.Ports).Port.Value);
    }
}
