using System.Text.Json;
using Gan.Core.Evaluation;

namespace Gan.Core.Metrics;

/// <summary>
/// Writes a trial into a folder: metrics.jsonl (one record a line), samples/epoch-NNN.png,
/// checkpoint.pt (the latest, replaced atomically), generator.pt and best.pt (generator weights,
/// final and best balanced) and evaluation.json.
/// </summary>
public sealed class JsonLinesSink : ITrialSink
{
    /// <summary>The file the metric records go to, one JSON object a line.</summary>
    public const string MetricsFile = "metrics.jsonl";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string directory;

    /// <summary>A sink writing into <paramref name="directory"/>, which it creates.</summary>
    public JsonLinesSink(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(Path.Combine(directory, "samples"));
    }

    /// <summary>The path of the newest sample grid, once one is written.</summary>
    public string? LatestSampleGrid { get; private set; }

    /// <summary>The path of the checkpoint file.</summary>
    public string CheckpointPath => Path.Combine(directory, "checkpoint.pt");

    /// <inheritdoc />
    public void OnMetrics(MetricRecord record)
    {
        var line = JsonSerializer.Serialize(new SortedDictionary<string, double>(record.Values.ToDictionary()) { ["step"] = record.Step, ["epoch"] = record.Epoch });
        File.AppendAllText(Path.Combine(directory, MetricsFile), line + "\n");
    }

    /// <inheritdoc />
    public void OnArtifact(TrialArtifact artifact)
    {
        var path = artifact.Kind switch
        {
            ArtifactKind.SampleGrid => Path.Combine(directory, "samples", $"epoch-{artifact.Epoch:D3}.png"),
            ArtifactKind.BestGenerator => Path.Combine(directory, "best.pt"),
            ArtifactKind.Generator => Path.Combine(directory, "generator.pt"),
            _ => CheckpointPath,
        };
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, artifact.Bytes);
        File.Move(temporary, path, overwrite: true);
        if (artifact.Kind == ArtifactKind.SampleGrid)
            LatestSampleGrid = path;
    }

    /// <inheritdoc />
    public void OnEvaluation(QualityReport report) =>
        File.WriteAllText(Path.Combine(directory, "evaluation.json"), JsonSerializer.Serialize(report, Json));
}
