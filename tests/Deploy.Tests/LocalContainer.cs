using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

/// <summary>
/// A container of a rendered pod spec, run in a <see cref="PodNetwork"/> pod, either as a local
/// process (this build's `sweep`, each volume's mount path mapped onto a local folder) or in a
/// built image under podman (each volume bind-mounted at its mount path, and the spec's user,
/// read-only root and dropped capabilities applied). Either way: the image's entrypoint (`sweep`)
/// with the spec's args and env, expanded as the kubelet expands them, the downward API's pod IP
/// and Secrets' values. Nothing of the spec is left out silently: what this cannot stand for fails.
/// </summary>
internal sealed partial class LocalContainer : IDisposable
{
    private readonly Process process;
    private readonly IReadOnlyList<string> emptyDirs;
    private readonly string? containerName;
    private readonly StringBuilder output = new();

    private LocalContainer(Process process, IReadOnlyList<string> emptyDirs, string? containerName)
    {
        this.process = process;
        this.emptyDirs = emptyDirs;
        this.containerName = containerName;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote to standard output and error, so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the one container of <paramref name="spec"/> in <paramref name="pod"/>.</summary>
    /// <param name="pod">The pod's network namespace.</param>
    /// <param name="podAddress">The pod's IP address, for the downward API.</param>
    /// <param name="spec">The pod spec.</param>
    /// <param name="volumes">The local folder each volume stands for, by volume name; volumes not named here must be emptyDirs, which get a fresh folder.</param>
    /// <param name="secrets">Secret values by (secret, key).</param>
    /// <param name="image">The image to run the container in, under podman; null runs this build's `sweep` as a process.</param>
    /// <param name="hosts">Host names the pod resolves, with their addresses (a container's /etc/hosts is podman's, not the namespace's).</param>
    public static LocalContainer Start(string pod, string podAddress, V1PodSpec spec, IReadOnlyDictionary<string, string> volumes,
        IReadOnlyDictionary<(string secret, string key), string> secrets, string? image = null, IReadOnlyDictionary<string, string>? hosts = null)
    {
        var container = Assert.Single(spec.Containers);
        Assert.Null(container.Command); // The image's entrypoint, `sweep`, stands.
        var emptyDirs = new List<string>();
        var mounts = (container.VolumeMounts ?? []).Select(m => (m.MountPath, Local: LocalFolder(spec, m.Name, volumes, emptyDirs), m.ReadOnlyProperty))
            .OrderByDescending(m => m.MountPath.Length).ToList();
        // In an image, paths are the container's own; as a process, they are the local folders.
        string Mapped(string value) =>
            image is null && mounts.FirstOrDefault(m => value == m.MountPath || value.StartsWith(m.MountPath + "/", StringComparison.Ordinal)) is { MountPath: not null } m
                ? m.Local + value[m.MountPath.Length..]
                : value;

        var environment = new Dictionary<string, string>();
        foreach (var variable in container.Env ?? [])
            environment[variable.Name] = Mapped(variable.ValueFrom switch
            {
                null => Expand(variable.Value ?? "", environment),
                { FieldRef.FieldPath: "status.podIP" } => podAddress,
                { SecretKeyRef: { } secret } => secrets[(secret.Name, secret.Key)],
                _ => throw new NotSupportedException($"env {variable.Name}: only values, the pod IP and Secret keys are run here"),
            });
        var arguments = (container.Args ?? []).Select(a => Mapped(Expand(a, environment))).ToList();

        if (image is not null)
        {
            var name = $"sweep-test-{Guid.NewGuid():N}";
            List<string> run = ["run", "--rm", "--name", name, "--network", $"ns:/run/netns/{pod}", .. Security(spec, container)];
            foreach (var (host, address) in hosts ?? new Dictionary<string, string>())
                run.AddRange(["--add-host", $"{host}:{address}"]);
            foreach (var mount in mounts)
                run.AddRange(["--volume", $"{mount.Local}:{mount.MountPath}{(mount.ReadOnlyProperty == true ? ":ro" : "")}"]);
            foreach (var (variable, value) in environment)
                run.AddRange(["--env", $"{variable}={value}"]);
            return new LocalContainer(Process.Start(Podman.Start([.. run, image, .. arguments]))!, emptyDirs, name);
        }

        var start = PodNetwork.StartIn(pod, DotnetHost, [Repository.SweepAssembly, .. arguments]);
        // The container's environment only: the image's (its `sweep` sets DOTNET_JITMinOpts=1)
        // and the spec's, not this test's.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["DOTNET_JITMinOpts"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new LocalContainer(Process.Start(start)!, emptyDirs, containerName: null);
    }

    /// <summary>
    /// podman's options for what the pod's and the container's security contexts ask: the user
    /// and group, a read-only root (with no tmpfs of podman's own: only the spec's volumes are
    /// writable, as in a pod), no privilege escalation and dropped capabilities.
    /// </summary>
    public static IEnumerable<string> Security(V1PodSpec spec, V1Container container)
    {
        var (pod, own) = (spec.SecurityContext, container.SecurityContext);
        var user = own?.RunAsUser ?? pod?.RunAsUser;
        var group = own?.RunAsGroup ?? pod?.RunAsGroup;
        if (user is not null)
            yield return group is null ? $"--user={user}" : $"--user={user}:{group}";
        if (own?.ReadOnlyRootFilesystem == true)
        {
            yield return "--read-only";
            yield return "--read-only-tmpfs=false";
        }
        if (own?.AllowPrivilegeEscalation == false)
            yield return "--security-opt=no-new-privileges";
        foreach (var capability in own?.Capabilities?.Drop ?? [])
            yield return $"--cap-drop={capability.ToLowerInvariant()}";
    }

    /// <summary>Runs `sweep ARGUMENTS` in the running container, as `kubectl exec POD -- sweep ARGUMENTS` does; its exit code and output.</summary>
    public (int exitCode, string output) Exec(params string[] arguments)
    {
        var name = containerName ?? throw new InvalidOperationException("Exec runs in an image's container; this one is a process.");
        var (exitCode, output, error) = Podman.Run(["exec", name, "sweep", .. arguments]);
        return (exitCode, output + error);
    }

    /// <summary>Copies a file out of the running container, as `kubectl cp POD:PATH LOCAL` does.</summary>
    public void CopyOut(string path, string local) =>
        Podman.Check("cp", $"{containerName ?? throw new InvalidOperationException("CopyOut copies from an image's container.")}:{path}", local);

    /// <summary>Waits until <paramref name="condition"/> holds, failing at once if the process exits first.</summary>
    public void WaitFor(Func<bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (process.HasExited && !condition())
                throw new Xunit.Sdk.XunitException($"The process exited ({process.ExitCode}) before {what}:\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {what} in {within}:\n{Output}");
            Thread.Sleep(250);
        }
    }

    /// <summary>Waits for the process to exit.</summary>
    public void WaitForExit(TimeSpan within)
    {
        if (!process.WaitForExit(within))
            throw new TimeoutException($"Still running after {within}:\n{Output}");
        process.WaitForExit();
    }

    public void Dispose()
    {
        // Killing podman's client leaves its container running: remove the container itself.
        if (containerName is not null && !process.HasExited)
            Podman.Run("rm", "--force", "--time", "0", containerName);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        foreach (var folder in emptyDirs)
            Directory.Delete(folder, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    /// <summary>$(NAME) to the value of an earlier variable, $$ to $, as the kubelet expands args and env.</summary>
    private static string Expand(string value, IReadOnlyDictionary<string, string> environment) =>
        Reference().Replace(value, m => m.Value == "$$" ? "$" : environment.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static string LocalFolder(V1PodSpec spec, string volume, IReadOnlyDictionary<string, string> volumes, List<string> emptyDirs)
    {
        if (volumes.TryGetValue(volume, out var folder))
            return folder;
        Assert.NotNull(spec.Volumes.Single(v => v.Name == volume).EmptyDir);
        // Writable by the container's user, as the kubelet makes an emptyDir.
        emptyDirs.Add(Directory.CreateTempSubdirectory("sweep-emptydir-").FullName);
        File.SetUnixFileMode(emptyDirs[^1], (UnixFileMode)0b1_111_111_111);
        return emptyDirs[^1];
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
