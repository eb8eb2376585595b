using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Gan.Core.Models;

/// <summary>
/// What a generator is, for a PyTorch user: the JSON written beside its exported weights, from
/// which <c>python/sweep_generator.py</c> builds the same network before loading them.
/// </summary>
/// <param name="Arch">The architecture's name.</param>
/// <param name="LatentSize">The length of its input vectors.</param>
/// <param name="Width">The width option (dcgan-small's channel multiplier).</param>
/// <param name="SampleShape">One sample's dimensions: [channels, height, width], or [1] for the toy lab's values.</param>
/// <param name="Output">What its outputs mean.</param>
public sealed record GeneratorDefinition(
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("latent_size")] int LatentSize,
    [property: JsonPropertyName("width")] double Width,
    [property: JsonPropertyName("sample_shape")] long[] SampleShape,
    [property: JsonPropertyName("output")] string Output)
{
    /// <summary>The definition's format, which the Python side checks.</summary>
    [JsonPropertyName("format")]
    [JsonPropertyOrder(-1)]
    public string Format => "sweep-generator/1";
}

/// <summary>Writes a generator's weights where PyTorch loads them directly, with its definition beside them.</summary>
public static class GeneratorExport
{
    /// <summary>Whether <paramref name="path"/> asks for safetensors (by its extension) rather than PyTorch's own format.</summary>
    public static bool IsSafetensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Writes <paramref name="generator"/>'s state_dict to <paramref name="weights"/>: safetensors,
    /// or PyTorch's own format, which <c>torch.load</c> reads.
    /// </summary>
    public static void WriteWeights(nn.Module generator, Stream weights, bool safetensors)
    {
        if (safetensors)
            generator.save_safetensors(weights);
        else
            generator.save_py(weights);
    }

    /// <summary>The definition as the JSON file beside the weights holds it.</summary>
    public static byte[] DefinitionJson(GeneratorDefinition definition) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(definition, new JsonSerializerOptions { WriteIndented = true }), (byte)'\n'];

    /// <summary>Where the definition of weights written to <paramref name="path"/> goes: the same name with .json.</summary>
    public static string DefinitionPath(string path) => Path.ChangeExtension(path, ".json");
}
