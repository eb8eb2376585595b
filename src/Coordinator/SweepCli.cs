using System.CommandLine;
using System.Runtime.InteropServices;
using Coordinator.Commands;
using Silo.Stores;
using Coordinator.Sweeps;
using Gan.Core;
using Coordinator.Cli;
using Spectre.Console;

namespace Coordinator;

/// <summary>Builds the <c>sweep</c> command tree and is the one top-level error handler.</summary>
public static partial class SweepCli
{
    /// <summary>Parses <paramref name="args"/>, runs the subcommand and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        using var cancellation = new CancellationTokenSource();
        // SIGTERM (what kill and Kubernetes send) and SIGHUP (a closed terminal) stop the same
        // way as Ctrl-C: checkpoint, mark interrupted, exit 130. Without this .NET would exit at
        // once and leave the trials marked running.
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            cancellation.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        var context = new CommandContext(output, error, cancellation.Token);
        var root = new RootCommand("sweep: train GANs under hyperparameter sweeps and compare the runs.");
        Add(root, new InfoCommand(), context);
        Add(root, new TrainCommand(), context);
        Add(root, new RunCommand(), context);
        Add(root, new ResumeCommand(), context);
        Add(root, new ReplayCommand(), context);
        Add(root, new LsCommand(), context);
        Add(root, new ShowCommand(), context);
        Add(root, new TrialCommand(), context);
        Add(root, new CompareCommand(), context);
        Add(root, new SamplesCommand(), context);
        Add(root, new ReportCommand(), context);
        Add(root, new DashboardCommand(), context);
        Add(root, new GenerateCommand(), context);
        Add(root, new ExportCommand(), context);
        Add(root, new SiloCommand(), context);
        Add(root, new ClusterCommand(), context);
        Add(root, new WatchCommand(), context);
        Add(root, new CancelCommand(), context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
            return Fail(error, string.Join(" ", parse.Errors.Select(Describe)) + " See 'sweep --help'.", ExitCodes.BadInput);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>
    /// A parse error as the other input errors read ("workers = 'two': must be a whole number."),
    /// rather than with System.CommandLine's .NET type names (System.Nullable`1[System.Int32]).
    /// </summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error)
    {
        var (name, type) = error.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => (o.Option.Name.TrimStart('-'), o.Option.ValueType),
            System.CommandLine.Parsing.ArgumentResult a => (a.Argument.Name, a.Argument.ValueType),
            _ => (null, null),
        };
        var value = UnparsedValue().Match(error.Message);
        if (name is null || type is null || !value.Success)
            return error.Message;
        type = Nullable.GetUnderlyingType(type) ?? type;
        var rule = type.IsEnum ? $"must be one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}"
            : type == typeof(int) || type == typeof(long) || type == typeof(ulong) ? "must be a whole number"
            : type == typeof(double) ? "must be a number"
            : $"is not a value {name} takes";
        return $"{name} = '{TerminalText.Quote(value.Groups[1].Value)}': {rule}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\ACannot parse argument '(.*)' for ", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnparsedValue();

    private static void Add<TSettings>(RootCommand root, SweepCommand<TSettings> definition, CommandContext context)
        where TSettings : CommandSettings
    {
        var command = new Command(definition.Name, definition.Description);
        definition.Define(command);
        command.SetAction(parse => Execute(definition, parse, context));
        root.Subcommands.Add(command);
    }

    private static int Execute<TSettings>(SweepCommand<TSettings> definition, ParseResult parse, CommandContext context)
        where TSettings : CommandSettings
    {
        try
        {
            var settings = definition.Bind(parse);
            var problems = settings.Validate().ToList();
            if (problems.Count > 0)
                return Fail(context.Error, string.Join(" ", problems), ExitCodes.BadInput);
            return definition.Execute(settings, context);
        }
        catch (UserInputException e)
        {
            return Fail(context.Error, e.Message, ExitCodes.BadInput);
        }
        catch (Exception e) when (e is SweepFileException or StoreException)
        {
            return Fail(context.Error, e.Message, ExitCodes.BadInput);
        }
        catch (GanException e)
        {
            // Every Gan.Core error is about the input: a data file, a name, an option, a checkpoint.
            return Fail(context.Error, e.Message, ExitCodes.BadInput);
        }
        catch (OperationCanceledException)
        {
            return Fail(context.Error, "interrupted.", ExitCodes.Interrupted);
        }
        catch (Exception e)
        {
            return Fail(context.Error, e.Message, ExitCodes.Failure);
        }
    }

    /// <summary>Prints the single red error line: colour only on a terminal, never wrapped.</summary>
    private static int Fail(TextWriter error, string message, int exitCode)
    {
        var terminal = error == Console.Error && !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = int.MaxValue;
        console.MarkupLine($"[red]error:[/] {Markup.Escape(TerminalText.CleanLines(message))}");
        return exitCode;
    }
}
