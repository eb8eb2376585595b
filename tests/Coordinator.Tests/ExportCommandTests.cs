using System.Diagnostics;
using System.Globalization;
using Coordinator.Cli;
using Gan.Core.Data;
using Gan.Core.Evaluation;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Silo.Stores;
using static TorchSharp.torch;

/// <summary>
/// What sweep writes for Python, read by Python: <c>sweep export</c>'s weights, which Debian's
/// PyTorch loads into the networks of <c>python/sweep_generator.py</c> to draw what the C#
/// generator draws for fixed latent vectors, and <c>sweep generate</c>'s .npy arrays, which NumPy
/// loads. About a minute (short sweeps, then Python).
/// </summary>
public sealed class ExportCommandTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-export-" + Guid.NewGuid().ToString("N"));

    public ExportCommandTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Database => Path.Combine(folder, "sweeps.db");

    private void RunSweep(string text)
    {
        var file = Path.Combine(folder, "sweep.yaml");
        File.WriteAllText(file, text);
        var (exitCode, output, error) = SweepProcess.Run("run", file, "--db", Database, "--workers", "2");
        Assert.True(exitCode == ExitCodes.Ok, output + error);
    }

    /// <summary>Runs Python on a script that loads the export and compares its samples with the C# ones; returns its output.</summary>
    private static string RunPython(string weights, string latent, string expected, string shape) => RunPython($$"""
            import sys
            sys.path.insert(0, {{Quote(Path.Combine(SweepFileParserTests.RepositoryRoot(), "python"))}})
            import numpy, torch, sweep_generator
            g = sweep_generator.load({{Quote(weights)}})
            z = torch.from_numpy(numpy.fromfile({{Quote(latent)}}, dtype="<f4").reshape(-1, g.latent_size))
            expected = torch.from_numpy(numpy.fromfile({{Quote(expected)}}, dtype="<f4")).reshape({{shape}})
            with torch.no_grad():
                images = g(z)
            assert tuple(images.shape) == tuple(expected.shape), (images.shape, expected.shape)
            print("max_difference=%.3g" % (images - expected).abs().max().item())
            """);

    private static string RunPython(string script)
    {
        using var process = Process.Start(new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output + error);
        return output;
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    [Fact]
    public void Python_loads_each_architecture_s_exported_generator_and_draws_what_the_CSharp_one_draws()
    {
        RunSweep("""
            name: archs
            base: {steps: 3, log_every: 1, eval_samples: 200, width: 0.125}
            parameters:
              arch: {values: [mlp, mlp-128, dcgan-small, dcgan]}
            """);
        RunSweep("""
            name: colour
            base: {dataset: shapes, arch: dcgan-small, steps: 3, log_every: 1, eval_samples: 200, width: 0.125}
            parameters:
              image_size: {values: [32]}
            """);
        RunSweep("""
            name: toy
            base: {dataset: gaussian, arch: toy, steps: 3, log_every: 1}
            parameters:
              seed: {values: [0]}
            """);

        using var store = SweepStoreFactory.OpenReadOnly(StoreLocation.Parse(Database));
        var trials = store.Trials("archs").Concat(store.Trials("colour")).Concat(store.Trials("toy")).ToList();
        Assert.Equal(6, trials.Count);
        foreach (var trial in trials)
        {
            var id = trial.Id.ToString(CultureInfo.InvariantCulture);
            var options = trial.Config.Options;
            // One trial as safetensors, read by the module's own reader (Debian has no safetensors package).
            var weights = Path.Combine(folder, $"trial-{id}" + (options.Arch == Architectures.Mlp128 ? ".safetensors" : ".pt"));
            var (exitCode, output, error) = Cli.Run("export", id, "--last", "-o", weights, "--db", Database);
            Assert.True(exitCode == ExitCodes.Ok, output + error);
            Assert.Contains($"Wrote trial {id}'s generator of step 3 to {weights} and its definition to {Path.ChangeExtension(weights, ".json")}.", output);

            // The C# side: the same generator, from the store, on the same latent vectors.
            var shape = DatasetCatalog.ShapeOf(options.DatasetSpec, Classifier.DefaultCacheDirectory);
            using var generator = Architectures.LoadGenerator(options.Arch, options.EffectiveLatentSize, options.Width, shape,
                store.Artifact(trial.Id, ArtifactKind.Generator)!.Bytes, CPU);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var z = randn([8, options.EffectiveLatentSize], generator: new Generator(5, CPU));
            var images = generator.forward(z);
            var latent = Path.Combine(folder, $"z-{id}.f32");
            var expected = Path.Combine(folder, $"x-{id}.f32");
            File.WriteAllBytes(latent, z.bytes.ToArray());
            File.WriteAllBytes(expected, images.contiguous().bytes.ToArray());

            var python = RunPython(weights, latent, expected, "(" + string.Join(", ", images.shape) + ")");
            var difference = double.Parse(python.Split('=')[1], CultureInfo.InvariantCulture);
            Assert.True(difference <= 1e-5, $"{options.Arch}: PyTorch's samples differ from C#'s by {difference}.");
        }
    }

    [Fact]
    public void NumPy_loads_the_samples_generate_writes_as_npy_and_they_are_the_IDX_file_s()
    {
        RunSweep("""
            name: npy
            base: {steps: 3, log_every: 1, eval_samples: 200}
            parameters:
              seed: {values: [0]}
            """);
        var npy = Path.Combine(folder, "samples.npy");
        var idx = Path.Combine(folder, "samples.idx");
        Assert.Equal(ExitCodes.Ok, Cli.Run("generate", "1", "-n", "7", "-o", npy, "--db", Database).exitCode);
        Assert.Equal(ExitCodes.Ok, Cli.Run("generate", "1", "-n", "7", "-o", idx, "--db", Database).exitCode);

        var output = RunPython($$"""
            import numpy
            a = numpy.load({{Quote(npy)}})
            idx = numpy.frombuffer(open({{Quote(idx)}}, "rb").read()[16:], dtype=numpy.uint8)
            print(a.dtype, a.shape, bool((a.reshape(-1) == idx).all()), len(set(a.reshape(-1).tolist())) > 10)
            """);

        Assert.Equal("uint8 (7, 28, 28) True True", output.Trim());
    }

    [Fact]
    public void Colour_samples_are_written_as_rgb_pngs_and_as_an_npy_array_with_channels_last()
    {
        RunSweep("""
            name: colour-npy
            base: {dataset: shapes, arch: mlp, steps: 3, log_every: 1, eval_samples: 200}
            parameters:
              seed: {values: [0]}
            """);
        var npy = Path.Combine(folder, "colour.npy");
        var pngs = Path.Combine(folder, "colour-pngs") + "/";
        Assert.Equal(ExitCodes.Ok, Cli.Run("generate", "1", "-n", "3", "-o", npy, "--db", Database).exitCode);
        Assert.Equal(ExitCodes.Ok, Cli.Run("generate", "1", "-n", "3", "-o", pngs, "--db", Database).exitCode);

        var output = RunPython($$"""
            import numpy
            from PIL import Image
            a = numpy.load({{Quote(npy)}})
            png = numpy.asarray(Image.open({{Quote(Path.Combine(pngs, "sample-00002.png"))}}))
            print(a.dtype, a.shape, png.shape, bool((png == a[2]).all()))
            """);

        Assert.Equal("uint8 (3, 32, 32, 3) (32, 32, 3) True", output.Trim());
    }

    [Fact]
    public void An_export_to_a_folder_or_with_another_extension_is_refused_before_anything_is_written()
    {
        var folderTarget = Path.Combine(folder, "out.pt");
        Directory.CreateDirectory(folderTarget);

        var (wrongExtension, _, extensionError) = Cli.Run("export", "1", "-o", Path.Combine(folder, "generator.json"), "--db", Database);
        var (toFolder, _, folderError) = Cli.Run("export", "1", "-o", folderTarget, "--db", Database);
        var (both, _, bothError) = Cli.Run("export", "1", "--best", "--last", "--db", Database);

        Assert.Equal(ExitCodes.BadInput, wrongExtension);
        Assert.Contains("must end in .pt, .pth, .safetensors", extensionError);
        Assert.Equal(ExitCodes.BadInput, toFolder);
        Assert.Contains("it is a folder", folderError);
        Assert.Equal(ExitCodes.BadInput, both);
        Assert.Contains("choose one", bothError);
        Assert.False(File.Exists(Path.Combine(folder, "generator.json")));
    }
}
