using Silo.Search;
using Silo.Trials;
using System.Globalization;
using System.Text.RegularExpressions;
using Coordinator.Cli;
using Gan.Core.Data;
using Gan.Core.Metrics;
using Gan.Core.Models;
using Gan.Core.Runtime;
using Gan.Core.Training;

namespace Coordinator.Sweeps;

/// <summary>
/// Reads and validates a sweep file (the Weights &amp; Biases sweep format). Every problem is
/// collected with its file:line:column before anything is thrown, so the user sees them all.
/// </summary>
public sealed partial class SweepFileParser
{
    // W&B's keys for launching the user's own program: accepted, with a notice, since sweep trains its own models.
    private static readonly string[] LaunchKeys = ["program", "command", "project", "entity"];
    private static readonly string[] TopLevelKeys = ["name", "description", "method", "metric", "run_cap", "random_seed", "startup_trials", "base", "parameters", "early_terminate", "budget", "pbt", .. LaunchKeys];

    private readonly string path;
    private readonly List<SweepProblem> problems = [];
    // Where the file names each parameter, for problems found once all are read.
    private readonly Dictionary<string, SourceLocation> parameterLocations = [];

    private SweepFileParser(string path) => this.path = path;

    /// <summary>Whether <paramref name="name"/> can name a sweep (an identifier; never a path).</summary>
    public static bool IsValidName(string name) => SafeName().IsMatch(name);

    /// <summary>The rule a sweep's name follows, as problems state it.</summary>
    public const string NameRule = "must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit";

    /// <summary>What is wrong with a <c>--name</c> given on the command line; null when it is absent or can name a sweep.</summary>
    public static string? NameOptionProblem(string? name) =>
        name is null || IsValidName(name) ? null : $"name = '{TerminalText.Quote(name)}': {NameRule}.";

    /// <summary>
    /// The metric a sweep without one is ranked by: the toy lab's distance to its distribution,
    /// which is all it measures, or else FID.
    /// </summary>
    private static SweepMetric DefaultMetric(IReadOnlyDictionary<string, object> baseOptions) =>
        baseOptions.GetValueOrDefault("dataset") is DatasetCatalog.Gaussian || baseOptions.GetValueOrDefault("arch") is Architectures.Toy
            ? new SweepMetric(MetricNames.Wasserstein, ScoreCatalog.All[MetricNames.Wasserstein].Minimize)
            : new SweepMetric("fid", ScoreCatalog.All["fid"].Minimize);

    /// <summary>Reads and validates the sweep file at <paramref name="path"/>.</summary>
    /// <exception cref="SweepFileException">The file is missing or has problems; all of them are listed.</exception>
    public static SweepDefinition Load(string path)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing:
                throw SweepFileException.At(path, null, "no such file. Check the path, or see sweeps/ for examples.");
            case FileKind.Directory:
                throw SweepFileException.At(path, null, "is a folder, not a sweep file. Name a .yaml file, such as sweeps/lr-grid.yaml");
            case FileKind.Special:
                throw SweepFileException.At(path, null, "is a device, a FIFO or a socket, not a sweep file. Save the sweep to a .yaml file and name that");
        }
        // Bounded before reading: a sweep file of a megabyte is already huge, and a file that
        // grows while it is read (a log, say) is cut off at the bound rather than read for ever.
        var bytes = new byte[MaxFileBytes + 1];
        int length;
        try
        {
            using var file = File.OpenRead(path);
            length = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw SweepFileException.At(path, null, $"cannot be read ({e.Message.TrimEnd('.')})");
        }
        if (length > MaxFileBytes)
            throw SweepFileException.At(path, null, $"is larger than {MaxFileBytes >> 20} MB, the most a sweep file may hold. Is it the right file? Sweep files are a few lines of YAML (see sweeps/)");
        // As File.ReadAllText reads: UTF-8 unless a byte-order mark says otherwise.
        using var text = new StreamReader(new MemoryStream(bytes, 0, length), detectEncodingFromByteOrderMarks: true);
        return Parse(text.ReadToEnd(), path);
    }

    /// <summary>The largest sweep file read: W&amp;B's own files are a few hundred bytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Validates sweep-file text; <paramref name="path"/> names it in problems.</summary>
    /// <exception cref="SweepFileException">The text has problems; all of them are listed.</exception>
    public static SweepDefinition Parse(string text, string path) => new SweepFileParser(path).ParseText(text);

    private SweepDefinition ParseText(string text)
    {
        if (YamlReader.Read(text, path) is not { } root)
            throw SweepFileException.At(path, null, "the file is empty; a sweep file needs at least 'parameters' (see sweeps/lr-grid.yaml)");
        if (root is not YamlMapping top)
            throw SweepFileException.At(path, root.Location, "a sweep file is a mapping of keys such as name, method, base and parameters");

        var entries = Entries(top, TopLevelKeys);
        var name = entries.TryGetValue("name", out var nameNode) ? SweepName(nameNode) : DefaultName();
        var description = entries.TryGetValue("description", out var descriptionNode) ? Text(descriptionNode, "description") : null;
        var method = entries.TryGetValue("method", out var methodNode) ? Method(methodNode) : SearchMethods.Default;
        var chosenMetric = entries.TryGetValue("metric", out var metricNode) ? Metric(metricNode) : null;
        int? runCap = entries.TryGetValue("run_cap", out var runCapNode) ? (int?)PositiveInteger(runCapNode, "run_cap", max: SearchMethods.MaxTrials) : null;
        var randomSeed = entries.TryGetValue("random_seed", out var seedNode) ? PositiveInteger(seedNode, "random_seed", allowZero: true) : 0;
        var startupTrials = entries.TryGetValue("startup_trials", out var startupNode) ? PositiveInteger(startupNode, "startup_trials", max: SearchMethods.MaxTrials) : TreeParzen.DefaultStartupTrials;
        if (startupNode is not null && method is not TreeParzenSearch)
            Problem(startupNode.Location, $"startup_trials applies to method: bayes (the random trials before TPE proposes any); method {method.Name} does not use it");
        var baseOptions = entries.TryGetValue("base", out var baseNode) ? Base(baseNode) : new Dictionary<string, object>();
        var metric = chosenMetric ?? DefaultMetric(baseOptions);
        var parameters = entries.TryGetValue("parameters", out var parametersNode) ? Parameters(parametersNode, method) : [];
        var earlyTerminate = entries.TryGetValue("early_terminate", out var earlyNode) ? EarlyTerminate(earlyNode, metric, metricNode) : null;
        var budget = entries.TryGetValue("budget", out var budgetNode) ? Budget(budgetNode) : null;
        if (parametersNode is null)
            Problem(top.Location, "no 'parameters': a sweep needs at least one swept option (see sweeps/lr-grid.yaml)");
        CheckConditions(parameters, baseOptions);
        foreach (var parameter in parameters.Where(p => baseOptions.ContainsKey(p.Name)))
            Problem(parameterLocations.GetValueOrDefault(parameter.Name, parametersNode!.Location), $"'{parameter.Name}' is both in base and in parameters; keep one");

        PopulationSettings? population = null;
        if (method is PopulationSearch)
            population = Population(entries.GetValueOrDefault("pbt"), top, baseOptions, baseNode, parameters);
        else if (entries.TryGetValue("pbt", out var pbtNode))
            Problem(pbtNode.Location, $"pbt configures method: pbt; method {method.Name} does not use it");

        if (method.Requirement(runCapNode is not null, budgetNode is not null) is { } requirement)
            Problem(methodNode?.Location ?? top.Location, requirement);
        if (method is GridSearch)
            CheckGridSize(GridSearch.Size(parameters), runCap, runCapNode, parametersNode ?? top);

        var notices = LaunchKeys.Where(entries.ContainsKey)
            .Select(key => new SweepProblem(path, top.Entries.First(e => e.Key.Value == key).Key.Location, $"'{key}' is a W&B launch key; sweep trains its own models, so it is ignored"))
            .ToList();
        var sweep = new SweepDefinition(name, description, method, metric, runCap, randomSeed, baseOptions, parameters, text) { EarlyTerminate = earlyTerminate, Notices = notices, Budget = budget, StartupTrials = startupTrials, Population = population };
        if (problems.Count == 0)
            sweep = sweep with { Trials = CheckTrials(sweep, baseNode ?? top) };
        if (problems.Count > 0)
            throw new SweepFileException(problems.OrderBy(p => p.Location?.Line ?? 0).ThenBy(p => p.Location?.Column ?? 0).ToList());
        return sweep;
    }

    /// <summary>Counted before anything is expanded, so that a huge grid costs nothing but this message.</summary>
    private void CheckGridSize(long size, int? runCap, YamlNode? runCapNode, YamlNode parameters)
    {
        if (size > SearchMethods.MaxTrials)
            Problem(parameters.Location, $"the grid has {Count(size)} trials, more than the {SearchMethods.MaxTrials} a sweep may hold; sweep fewer values");
        else if (runCap is { } cap && size > cap)
            Problem(runCapNode!.Location, $"the grid has {size} trials, more than run_cap {cap}; raise run_cap or sweep fewer values");
        else if (runCap is null && size > GridSearch.DefaultCap)
            Problem(parameters.Location, $"the grid has {size} trials, more than the default cap of {GridSearch.DefaultCap}; add 'run_cap: {size}' to run them all");
    }

    private static string Count(long size) => size == long.MaxValue ? "more than 9.2e18" : size.ToString(CultureInfo.InvariantCulture);

    /// <summary>The trials stored with the sweep, each checked for rules that involve several options at once (epochs with steps, say).</summary>
    private IReadOnlyList<TrialConfig> CheckTrials(SweepDefinition sweep, YamlNode location)
    {
        var seen = new HashSet<string>();
        var trials = sweep.Method.InitialTrials(sweep.Space);
        foreach (var trial in trials)
            foreach (var problem in TrainerOptionsValidator.Validate(trial.Options))
                if (seen.Add(problem))
                    Problem(location.Location, problem.TrimEnd('.'));
        return trials;
    }

    private Dictionary<string, YamlNode> Entries(YamlMapping mapping, IReadOnlyList<string>? allowed)
    {
        var entries = new Dictionary<string, YamlNode>();
        foreach (var (key, value) in mapping.Entries)
        {
            if (allowed is not null && !allowed.Contains(key.Value))
            {
                Problem(key.Location, $"unknown key '{TerminalText.Quote(key.Value)}'{Suggest(key.Value, allowed)}");
                continue;
            }
            if (!entries.TryAdd(key.Value, value))
                Problem(key.Location, $"duplicate key '{TerminalText.Quote(key.Value)}'");
        }
        return entries;
    }

    private Dictionary<string, object> Base(YamlNode node)
    {
        var options = new Dictionary<string, object>();
        if (node is not YamlMapping mapping)
        {
            Problem(node.Location, "base must be a mapping of trainer options, such as 'lr: 0.0002'");
            return options;
        }
        foreach (var (name, value) in Entries(mapping, [.. TrainerOptionCatalog.All.Keys]))
            if (OptionValue(name, value) is { } parsed)
                options[name] = parsed;
        return options;
    }

    /// <summary>A value of option <paramref name="name"/>, typed and checked against the trainer's rules; null if it has problems.</summary>
    private object? OptionValue(string name, YamlNode node)
    {
        if (node is not YamlScalar scalar)
        {
            Problem(node.Location, $"'{name}' must be a single value here");
            return null;
        }
        var option = TrainerOptionCatalog.All[name];
        object? value = option.Kind switch
        {
            OptionKind.Text => scalar.Value,
            OptionKind.Integer when !scalar.Quoted && long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => whole,
            OptionKind.Real when !scalar.Quoted && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
            _ => null,
        };
        if (value is null)
        {
            Problem(scalar.Location, $"'{name}' must be {(option.Kind == OptionKind.Integer ? "a whole number" : "a number")}, not '{TerminalText.Quote(scalar.Value)}'");
            return null;
        }
        return CheckValue(name, value, scalar) ? value : null;
    }

    private bool CheckValue(string name, object value, YamlNode node, string? writtenAs = null)
    {
        // Checked on the value as written, before it reaches a narrower field where it would
        // silently wrap (4294967346 → 50).
        if (TrainerOptionCatalog.All[name].Statement(value) is not { } problem)
            return true;
        Problem(node.Location, writtenAs + problem);
        return false;
    }

    private string SweepName(YamlNode node)
    {
        var name = Text(node, "name");
        if (name is not null && SafeName().IsMatch(name))
            return name;
        Problem(node.Location, $"name '{TerminalText.Quote(name ?? "")}' {NameRule}");
        return "invalid";
    }

    private string DefaultName()
    {
        var stem = Regex.Replace(Path.GetFileNameWithoutExtension(path), "[^A-Za-z0-9_.-]", "-").Trim('-', '.');
        return SafeName().IsMatch(stem) ? stem : "sweep";
    }

    private ISearchMethod Method(YamlNode node)
    {
        // The methods a sweep file may name: replay, whose trials come from a stored one, refuses any file.
        var names = SearchMethods.All.Where(m => m.Requirement(hasRunCap: true, hasBudget: true) is null).Select(m => m.Name).ToList();
        if (Text(node, "method") is { } name)
        {
            if (SearchMethods.Find(name) is { } method)
                return method;
            Problem(node.Location, $"method '{TerminalText.Quote(name)}' is not {string.Join(", ", names[..^1])} or {names[^1]}{Suggest(name, names)}");
        }
        return SearchMethods.Default;
    }

    private SweepMetric Metric(YamlNode node)
    {
        var fallback = new SweepMetric("fid", true);
        if (node is not YamlMapping mapping)
        {
            Problem(node.Location, "metric must be a mapping such as {name: fid, goal: minimize}");
            return fallback;
        }
        var entries = Entries(mapping, ["name", "goal", "target"]);
        var name = entries.TryGetValue("name", out var nameNode) ? Text(nameNode, "metric.name") : "fid";
        if (name is null || !ScoreCatalog.All.TryGetValue(name, out var score))
        {
            Problem(nameNode!.Location, $"metric '{TerminalText.Quote(name ?? "")}' is not one of {string.Join(", ", ScoreCatalog.All.Keys)}{Suggest(name ?? "", [.. ScoreCatalog.All.Keys])}");
            return fallback;
        }
        var minimize = score.Minimize;
        if (entries.TryGetValue("goal", out var goalNode))
        {
            switch (Text(goalNode, "metric.goal"))
            {
                case "minimize":
                    minimize = true;
                    break;
                case "maximize":
                    minimize = false;
                    break;
                default:
                    Problem(goalNode.Location, "metric goal must be minimize or maximize");
                    break;
            }
        }
        var target = entries.TryGetValue("target", out var targetNode) ? Number(targetNode, "metric.target") : null;
        return new SweepMetric(name, minimize) { Target = target };
    }

    /// <summary>A budget such as 30m, 2h, 1h30m or 90s.</summary>
    private TimeSpan? Budget(YamlNode node)
    {
        var text = Text(node, "budget");
        var match = text is null ? null : BudgetPattern().Match(text);
        if (match is { Success: true } && match.Length > 0)
        {
            int Part(string unit) => match.Groups[unit].Success ? int.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;
            var budget = new TimeSpan(Part("h"), Part("m"), Part("s"));
            if (budget > TimeSpan.Zero && budget <= MaxBudget)
                return budget;
        }
        Problem(node.Location, $"budget '{TerminalText.Quote(text ?? "")}' must be a time such as 30m, 2h, 1h30m or 90s, at most {MaxBudget.TotalDays:0} days");
        return null;
    }

    private static readonly TimeSpan MaxBudget = TimeSpan.FromDays(30);

    [GeneratedRegex(@"\A(?:(?<h>\d{1,3})h)?(?:(?<m>\d{1,5})m)?(?:(?<s>\d{1,7})s)?\z")]
    private static partial Regex BudgetPattern();

    private string? Text(YamlNode node, string what)
    {
        if (node is YamlScalar scalar)
            return scalar.Value;
        Problem(node.Location, $"{what} must be a single value");
        return null;
    }

    private double? Number(YamlNode node, string what)
    {
        if (node is YamlScalar { Quoted: false } scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        Problem(node.Location, $"{what} must be a number");
        return null;
    }

    private int PositiveInteger(YamlNode node, string what, bool allowZero = false, int max = int.MaxValue)
    {
        var min = allowZero ? 0 : 1;
        if (node is YamlScalar { Quoted: false } scalar && int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        Problem(node.Location, $"{what} must be a whole number from {min} to {max}");
        return 1;
    }

    private void Problem(SourceLocation? location, string message) => problems.Add(new SweepProblem(path, location, message));

    private static string Suggest(string given, IReadOnlyList<string> known)
    {
        var best = known.Select(k => (k, distance: Levenshtein(given.ToLowerInvariant(), k))).MinBy(p => p.distance);
        return best.distance <= Math.Max(2, given.Length / 3) ? $"; did you mean '{best.k}'?" : $"; expected one of {string.Join(", ", known)}";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    // \A and \z, not ^ and $: in .NET $ also matches before a final newline, which would let "x\n" through.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z")]
    private static partial Regex SafeName();
}
