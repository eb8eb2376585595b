using System.Net.Http;
using k8s.Models;

/// <summary>
/// Runs what the manifests say, here: PostgreSQL as the StatefulSet and its Service configure it,
/// the silo Deployment's replicas from their pod spec, each in a pod network of its own, probed on
/// the spec's probe paths, and the submit Job's command, whose sweep must finish. A wrong flag, env
/// name, port or path in a manifest fails here, where a schema cannot see it. It runs twice: with
/// this build's `sweep` as processes, and in the CPU image as podman runs it, with the pod specs'
/// users, read-only roots and dropped capabilities. Without root or iproute2 it fails rather than
/// skips: CI must run it.
/// </summary>
[Collection(nameof(ImageCollection))]
public sealed class ManifestLocalRunTests(Images images) : IDisposable
{
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(2);
    private readonly string folder = Directory.CreateTempSubdirectory("sweep-k8s-run-").FullName;
    private readonly List<IDisposable> running = [];

    public void Dispose()
    {
        // Processes first, then the network and the database they used.
        foreach (var item in Enumerable.Reverse(running))
            item.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_silo_and_submit_pod_specs_run_a_sweep_to_the_end() => RunSweep(image: null);

    [Fact]
    public void The_silo_and_submit_pod_specs_run_a_sweep_to_the_end_in_the_cpu_image() => RunSweep(images.Cpu);

    private void RunSweep(string? image)
    {
        Assert.True(PodNetwork.Possible, "The local run of the manifests needs root and iproute2 (ip netns) for the pods' networks.");
        var cluster = Manifests.Load("overlays/cpu");
        var password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var secrets = new Dictionary<(string, string), string> { [("sweep-postgres", "password")] = password };

        var service = Manifests.Single<V1Service>(cluster, "sweep-postgres");
        var postgres = Assert.Single(Manifests.Single<V1StatefulSet>(cluster, "sweep-postgres").Spec.Template.Spec.Containers);
        string PostgresEnv(string name) => postgres.Env.Single(e => e.Name == name).Value;
        Assert.Equal(PostgresServer.User, PostgresEnv("POSTGRES_USER"));
        Assert.Equal("password", postgres.Env.Single(e => e.Name == "POSTGRES_PASSWORD").ValueFrom.SecretKeyRef.Key);
        var network = Keep(new PodNetwork(service.Metadata.Name));
        var server = Keep(PostgresServer.On(network.HostAddress, service.Spec.Ports.Single().Port, password));
        server.CreateDatabase(PostgresEnv("POSTGRES_DB"));

        var silo = Manifests.Single<V1Deployment>(cluster, "sweep-silo");
        var shared = Directory.CreateDirectory(Path.Combine(folder, "shared")).FullName;
        // Writable by the silos' user, as the volume's fsGroup makes it in the cluster.
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_111_111);
        var silos = Enumerable.Range(0, silo.Spec.Replicas!.Value).Select(_ =>
        {
            var (pod, address) = network.AddPod();
            return (address, process: Keep(LocalContainer.Start(pod, address, silo.Spec.Template.Spec, new Dictionary<string, string> { ["shared"] = shared }, secrets, image, network.Services)));
        }).ToList();
        var container = silo.Spec.Template.Spec.Containers.Single();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (address, process) in silos)
        {
            process.WaitFor(() => Probe(http, address, container, container.ReadinessProbe) == 200, "readiness", Start);
            Assert.Equal(200, Probe(http, address, container, container.LivenessProbe));
            Assert.Contains("joined the cluster", process.Output, StringComparison.Ordinal);
        }

        // Submitted as README says: deploy/k8s/submit/submit.sh makes the Job and its ConfigMap.
        var submitted = Manifests.Read(Manifests.Submit(Repository.Path("deploy", "k8s", "submit", "sweep.yaml")));
        var job = submitted.OfType<V1Job>().Single();
        var sweepFile = job.Spec.Template.Spec.Volumes.Single(v => v.ConfigMap is not null);
        var files = Directory.CreateDirectory(Path.Combine(folder, "sweep-file")).FullName;
        foreach (var (name, text) in Manifests.Single<V1ConfigMap>(submitted, sweepFile.ConfigMap.Name).Data)
            File.WriteAllText(Path.Combine(files, name), text);
        var (clientPod, clientAddress) = network.AddPod();
        var client = Keep(LocalContainer.Start(clientPod, clientAddress, job.Spec.Template.Spec, new Dictionary<string, string> { [sweepFile.Name] = files }, secrets, image, network.Services));
        try
        {
            client.WaitForExit(TimeSpan.FromMinutes(10));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + SilosSaid(), e);
        }

        // What the silos said is what explains a sweep that never ends, or whose trials failed.
        string SilosSaid() => string.Concat(silos.Select((s, i) => $"\n--- silo {i + 1}:\n{s.process.Output}"));
        Assert.True(client.ExitCode == 0, client.Output + SilosSaid());
        Assert.Contains("Running on the cluster: 2 silos", client.Output, StringComparison.Ordinal);
        Assert.Equal(2, client.Output.Split('\n').Count(l => l.Contains("│ completed │", StringComparison.Ordinal)));
        // The toy lab's generators are small enough to stay in their rows; its checkpoints were files
        // in a folder per trial, deleted once their trials completed.
        Assert.True(Directory.EnumerateDirectories(Path.Combine(shared, "artifacts"), "trial-*").Any(), "no checkpoints were written into the shared artifact directory");
        if (image is null)
            return;
        // After the Job is gone: the results from a silo (kubectl exec), and the report out of it (kubectl cp).
        var silo0 = silos[0].process;
        var (showCode, table) = silo0.Exec("show", "k8s-smoke");
        Assert.True(showCode == 0, table);
        Assert.Equal(2, table.Split('\n').Count(l => l.Contains("│ completed │", StringComparison.Ordinal)));
        var (reportCode, said) = silo0.Exec("report", "k8s-smoke", "--out", "/tmp/k8s-smoke.html");
        Assert.True(reportCode == 0, said);
        var report = Path.Combine(folder, "k8s-smoke.html");
        silo0.CopyOut("/tmp/k8s-smoke.html", report);
        Assert.Contains("k8s-smoke", File.ReadAllText(report), StringComparison.Ordinal);
    }

    private T Keep<T>(T item) where T : IDisposable
    {
        running.Add(item);
        return item;
    }

    /// <summary>The status code of an HTTP probe of <paramref name="container"/> at <paramref name="address"/>; 0 if nothing answered.</summary>
    private static int Probe(HttpClient http, string address, V1Container container, V1Probe probe)
    {
        // A probe names its port by number or by the container port's name.
        var port = int.TryParse(probe.HttpGet.Port.Value, out var number) ? number : container.Ports.Single(p => p.Name == probe.HttpGet.Port.Value).ContainerPort;
        try
        {
            return (int)http.GetAsync($"http://{address}:{port}{probe.HttpGet.Path}").GetAwaiter().GetResult().StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
