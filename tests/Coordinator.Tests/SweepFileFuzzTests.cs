using Coordinator.Cli;
using FsCheck;
using FsCheck.Fluent;

/// <summary>
/// Truncations and random edits of the example sweeps, fed to `sweep run` in this process: every
/// one must end in exit 2 (bad input, with a location) or, for a file that is still valid, reach
/// the worker check that `--workers 1000` fails. Never exit 1, never an exception.
/// </summary>
public sealed class SweepFileFuzzTests : IDisposable
{
    // Characters that mean something to YAML, and a few that mean something to terminals.
    private const string Alphabet = "[]{}:,-?'\"#&*!|>%@`\n\t 0123456789.eE+xyz_\\\u001b\u0000\u00e9";

    private static readonly string[] Examples =
        Directory.GetFiles(Path.Combine(SweepFileParserTests.RepositoryRoot(), "sweeps"), "*.yaml").Order().Select(File.ReadAllText).ToArray();

    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweep-fuzz-" + Guid.NewGuid().ToString("N"));

    public SweepFileFuzzTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Gen<string> Edit(string text) =>
        Gen.Choose(0, 3).SelectMany(kind => Gen.Choose(0, Math.Max(text.Length - 1, 0)).SelectMany(at => Gen.Elements(Alphabet.ToCharArray()).Select(c => kind switch
        {
            0 => text[..at],
            1 => text.Length == 0 ? text : text.Remove(at, 1),
            2 => text.Insert(at, c.ToString()),
            _ => text.Length == 0 ? text : text.Remove(at, 1).Insert(at, c.ToString()),
        })));

    private static Gen<string> Mutants() =>
        Gen.Elements(Examples).SelectMany(text => Gen.Choose(1, 4).SelectMany(edits =>
        {
            var gen = Gen.Constant(text);
            for (var i = 0; i < edits; i++)
                gen = gen.SelectMany(Edit);
            return gen;
        }));

    [Fact]
    public void Edited_example_sweeps_always_end_in_exit_2_with_a_located_message()
    {
        var file = Path.Combine(folder, "fuzz.yaml");
        var database = Path.Combine(folder, "fuzz.db");
        Prop.ForAll(Mutants().ToArbitrary(), text =>
        {
            File.WriteAllText(file, text);
            var (exitCode, _, error) = Cli.Run("run", file, "--db", database, "--workers", "1000");
            var located = error.Contains("fuzz.yaml", StringComparison.Ordinal) || error.Contains("workers = 1000", StringComparison.Ordinal);
            return (exitCode == ExitCodes.BadInput && located && !File.Exists(database)).Label($"exit {exitCode}: {error}\n--- file ---\n{text}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}
