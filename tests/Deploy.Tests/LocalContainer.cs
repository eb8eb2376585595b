using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

/// <summary>
/// A container of a rendered pod spec, run as a local process in a <see cref="PodNetwork"/> pod:
/// the image's entrypoint (`sweep`) with the spec's args and env, expanded as the kubelet expands
/// them, the downward API's pod IP, Secrets' values, and each volume's mount path mapped onto a
/// local folder. Nothing of the spec is left out silently: what this cannot stand for fails.
/// </summary>
internal sealed partial class LocalContainer : IDisposable
{
    private readonly Process process;
    private readonly IReadOnlyList<string> emptyDirs;
    private readonly StringBuilder output = new();

    private LocalContainer(Process process, IReadOnlyList<string> emptyDirs)
    {
        this.process = process;
        this.emptyDirs = emptyDirs;
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
    public static LocalContainer Start(string pod, string podAddress, V1PodSpec spec, IReadOnlyDictionary<string, string> volumes,
        IReadOnlyDictionary<(string secret, string key), string> secrets)
    {
        var container = Assert.Single(spec.Containers);
        Assert.Null(container.Command); // The image's entrypoint, `sweep`, stands.
        var emptyDirs = new List<string>();
        var mounts = (container.VolumeMounts ?? []).Select(m => (m.MountPath, Local: LocalFolder(spec, m.Name, volumes, emptyDirs)))
            .OrderByDescending(m => m.MountPath.Length).ToList();
        string Mapped(string value) =>
            mounts.FirstOrDefault(m => value == m.MountPath || value.StartsWith(m.MountPath + "/", StringComparison.Ordinal)) is { MountPath: not null } m
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
        var arguments = (container.Args ?? []).Select(a => Mapped(Expand(a, environment)));

        var start = PodNetwork.StartIn(pod, DotnetHost, [Repository.SweepAssembly, .. arguments]);
        // The container's environment only: the image's (its `sweep` sets DOTNET_JITMinOpts=1)
        // and the spec's, not this test's.
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["DOTNET_JITMinOpts"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return new LocalContainer(Process.Start(start)!, emptyDirs);
    }

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
        emptyDirs.Add(Directory.CreateTempSubdirectory("sweep-emptydir-").FullName);
        return emptyDirs[^1];
    }

    private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
