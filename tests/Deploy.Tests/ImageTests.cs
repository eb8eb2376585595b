using k8s.Models;

/// <summary>
/// The images start: each is built from its Dockerfile (<see cref="Images"/>) and run as the
/// manifests run it, as user 10001 with a read-only root filesystem and no capabilities. The
/// silo's readiness and a whole sweep in the CPU image are in <see cref="ManifestLocalRunTests"/>.
/// </summary>
[Collection(nameof(ImageCollection))]
public sealed class ImageTests(Images images)
{
    public static TheoryData<string> Kinds => ["cpu", "gpu-with-cpu-libtorch"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_image_has_every_framework_that_sweep_runtimeconfig_names(string kind) =>
        Assert.Empty(Images.MissingFrameworks(Image(kind)));

    [Fact]
    public void A_runtime_base_without_aspnet_core_fails_the_framework_check_and_sweep_cannot_start()
    {
        // The public .NET runtime image, which the Dockerfiles used to copy .NET from.
        var image = images.CpuOnNetCoreOnlyRuntime;

        Assert.Equal(["Microsoft.AspNetCore.App"], Images.MissingFrameworks(image));
        var (exitCode, output, error) = Podman.Run("run", "--rm", image, "--help");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Microsoft.AspNetCore.App", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_image_has_the_native_libraries_dotnet_loads_on_demand(string kind)
    {
        // .NET opens these only when a feature first needs them, and aborts the process if one is
        // missing: GSSAPI when Npgsql negotiates GSS encryption (a trainer died of it), OpenSSL
        // for TLS, zlib for compression.
        var libraries = Podman.Check("run", "--rm", "--entrypoint", "ldconfig", Image(kind), "-p");

        Assert.All(["libgssapi_krb5.so.2", "libssl.so.3", "libz.so.1", "libgomp.so.1"], library => Assert.Contains(library, libraries, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sweep_help_and_info_run_as_the_silo_pod_spec_runs_the_image(string kind)
    {
        var help = RunAsSilo(Image(kind), "--help");
        var info = RunAsSilo(Image(kind), "info");

        Assert.Contains("sweep: train GANs under hyperparameter sweeps", help, StringComparison.Ordinal);
        Assert.Contains("libtorch      2.10.0 (CPU build)", info, StringComparison.Ordinal);
        Assert.Contains("device        cpu", info, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_carries_the_data_the_shipped_sweep_files_name_and_tar_for_kubectl_cp()
    {
        // sweeps/fashion-lr.yaml trains on Debian's Fashion-MNIST.
        var listing = Podman.Check("run", "--rm", "--entrypoint", "ls", images.Cpu, "/usr/share/datasets/fashion-mnist");
        // `kubectl cp` runs tar in the container (deploy/k8s/README.md copies the report out so).
        var tar = Podman.Check("run", "--rm", "--entrypoint", "tar", images.Cpu, "--version");

        Assert.Contains("train-images-idx3-ubyte.gz", listing, StringComparison.Ordinal);
        Assert.StartsWith("tar (GNU tar)", tar, StringComparison.Ordinal);
    }

    private string Image(string kind) => kind == "cpu" ? images.Cpu : images.GpuWithCpuLibtorch;

    /// <summary>`sweep ARGUMENTS` in <paramref name="image"/>, with the silo container's security context and its /tmp volume; its output, or a failure with it.</summary>
    private static string RunAsSilo(string image, string arguments)
    {
        var spec = Manifests.Single<V1Deployment>(Manifests.Load("overlays/cpu"), "sweep-silo").Spec.Template.Spec;
        var tmp = Directory.CreateTempSubdirectory("sweep-image-tmp-").FullName;
        File.SetUnixFileMode(tmp, (UnixFileMode)0b1_111_111_111);
        try
        {
            var (exitCode, output, error) = Podman.Run(["run", "--rm", .. LocalContainer.Security(spec, spec.Containers.Single()), "--volume", $"{tmp}:/tmp", image, .. arguments.Split(' ')]);
            Assert.True(exitCode == 0, $"sweep {arguments} exited with {exitCode}:\n{error}\n{output}");
            return output;
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }
}
