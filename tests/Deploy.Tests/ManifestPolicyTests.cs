using k8s.Models;
using Silo.Slots;

/// <summary>What every rendered manifest must hold to: the rules a reviewer would check by hand.</summary>
public sealed class ManifestPolicyTests
{
    public static TheoryData<string> Kustomizations => [.. Manifests.Kustomizations];

    [Fact]
    public void The_gpu_overlay_gives_each_silo_one_gpu_on_gpu_nodes_and_the_cpu_overlay_none()
    {
        var gpu = Manifests.Single<V1Deployment>(Manifests.Load("overlays/gpu"), "sweep-silo").Spec.Template.Spec;
        var cpu = Manifests.Single<V1Deployment>(Manifests.Load("overlays/cpu"), "sweep-silo").Spec.Template.Spec;

        Assert.Equal("1", gpu.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal(["--device", "cuda"], gpu.Containers[0].Args.TakeLast(2));
        Assert.Equal("true", gpu.NodeSelector["nvidia.com/gpu.present"]);
        Assert.Contains(gpu.Tolerations, t => t.Key == "nvidia.com/gpu" && t.Effect == "NoSchedule");
        Assert.DoesNotContain(Manifests.Pods(Manifests.Load("overlays/cpu")).SelectMany(p => p.pod.Containers),
            c => (c.Resources?.Limits?.ContainsKey("nvidia.com/gpu") ?? false) || (c.Resources?.Requests?.ContainsKey("nvidia.com/gpu") ?? false));
        Assert.Contains("cpu", cpu.Containers[0].Args);
        Assert.Null(cpu.NodeSelector);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void No_secret_is_written_down(string kustomization)
    {
        var objects = Manifests.Load(kustomization);

        Assert.Empty(objects.OfType<V1Secret>());
        foreach (var (workload, pod) in Manifests.Pods(objects))
        foreach (var variable in pod.Containers.SelectMany(c => c.Env ?? []))
        {
            if (variable.Name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase))
                Assert.True(variable.ValueFrom?.SecretKeyRef is not null, $"{workload}: {variable.Name} must come from a Secret");
            // A URL with a password in it: scheme://user:password@host.
            Assert.DoesNotMatch(@"://[^/@:]+:[^/@]+@", variable.Value ?? "");
        }
        foreach (var map in objects.OfType<V1ConfigMap>())
            Assert.DoesNotContain(map.Data.Values, v => v.Contains("password", StringComparison.OrdinalIgnoreCase));
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
    public void Every_container_has_resource_requests_and_limits(string kustomization)
    {
        foreach (var (workload, pod) in Manifests.Pods(Manifests.Load(kustomization)))
        foreach (var container in pod.Containers)
        {
            Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true && container.Resources.Requests.ContainsKey("memory"), $"{workload}/{container.Name}: requests");
            Assert.True(container.Resources.Limits?.ContainsKey("memory") == true, $"{workload}/{container.Name}: memory limit");
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
    public void Every_object_carries_the_recommended_labels_in_the_sweep_namespace(string kustomization)
    {
        foreach (var meta in Manifests.Load(kustomization).OfType<IMetadata<V1ObjectMeta>>().Select(o => o.Metadata))
        {
            Assert.Equal("sweep", meta.Labels["app.kubernetes.io/part-of"]);
            Assert.Equal("kustomize", meta.Labels["app.kubernetes.io/managed-by"]);
            if (meta.Name != "sweep")
                Assert.Equal("sweep", meta.NamespaceProperty);
        }
    }

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
