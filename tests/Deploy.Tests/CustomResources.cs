using k8s;
using k8s.Models;

// The custom resources deploy/k8s/components ship, for KubernetesClient's strict read: each class
// holds the fields of its CRD that the components may use (KEDA 2.x, Prometheus Operator v1), so a
// misspelled or unknown field fails the read as it does for the built-in kinds.
// kubernetes-models' CRD packages check their types (validate.mjs).

/// <summary>Custom resources' types by "apiVersion/kind", for <see cref="KubernetesYaml"/>.</summary>
internal static class CustomResources
{
    /// <summary>The types KubernetesClient knows, and these.</summary>
    public static IDictionary<string, Type> TypeMap { get; } = typeof(V1Pod).Assembly.GetTypes().Append(typeof(ScaledObject)).Append(typeof(TriggerAuthentication)).Append(typeof(PodMonitor))
        .Select(t => (type: t, entity: t.GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault()))
        .Where(t => t.entity is not null && !t.type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(t => $"{(string.IsNullOrEmpty(t.entity!.Group) ? "" : t.entity.Group + "/")}{t.entity.ApiVersion}/{t.entity.Kind}")
        .ToDictionary(g => g.Key, g => g.First().type);
}

/// <summary>A custom resource: its type meta and metadata.</summary>
public abstract class CustomResource : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
}

[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = "ScaledObject", PluralName = "scaledobjects")]
public sealed class ScaledObject : CustomResource
{
    public ScaledObjectSpec Spec { get; set; } = new();
}

public sealed class ScaledObjectSpec
{
    public ScaleTarget ScaleTargetRef { get; set; } = new();
    public int? MinReplicaCount { get; set; }
    public int? MaxReplicaCount { get; set; }
    public int? IdleReplicaCount { get; set; }
    public int? PollingInterval { get; set; }
    public int? CooldownPeriod { get; set; }
    public int? InitialCooldownPeriod { get; set; }
    public List<ScaleTrigger> Triggers { get; set; } = [];
}

public sealed class ScaleTarget
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string Name { get; set; } = "";
    public string? EnvSourceContainerName { get; set; }
}

public sealed class ScaleTrigger
{
    public string Type { get; set; } = "";
    public string? Name { get; set; }
    public string? MetricType { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public AuthenticationRef? AuthenticationRef { get; set; }
}

public sealed class AuthenticationRef
{
    public string Name { get; set; } = "";
    public string? Kind { get; set; }
}

[KubernetesEntity(Group = "keda.sh", ApiVersion = "v1alpha1", Kind = "TriggerAuthentication", PluralName = "triggerauthentications")]
public sealed class TriggerAuthentication : CustomResource
{
    public TriggerAuthenticationSpec Spec { get; set; } = new();
}

public sealed class TriggerAuthenticationSpec
{
    public List<SecretTarget> SecretTargetRef { get; set; } = [];
}

public sealed class SecretTarget
{
    public string Parameter { get; set; } = "";
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
}

[KubernetesEntity(Group = "monitoring.coreos.com", ApiVersion = "v1", Kind = "PodMonitor", PluralName = "podmonitors")]
public sealed class PodMonitor : CustomResource
{
    public PodMonitorSpec Spec { get; set; } = new();
}

public sealed class PodMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();
    public List<PodMetricsEndpoint> PodMetricsEndpoints { get; set; } = [];
}

public sealed class PodMetricsEndpoint
{
    public string? Port { get; set; }
    public string? Path { get; set; }
    public string? Interval { get; set; }
    public string? ScrapeTimeout { get; set; }
}
