using System.CommandLine;

namespace Coordinator.Cli;

/// <summary>
/// One subcommand: it declares its arguments and options, binds them to a settings class (which
/// validates itself), and returns its exit code from <see cref="Execute"/>.
/// </summary>
/// <param name="name">The subcommand's name, as typed after <c>sweep</c>.</param>
/// <param name="description">One line for <c>--help</c>.</param>
public abstract class SweepCommand<TSettings>(string name, string description) where TSettings : CommandSettings
{
    /// <summary>The subcommand's name, as typed after <c>sweep</c>.</summary>
    public string Name => name;

    /// <summary>One line for <c>--help</c>.</summary>
    public string Description => description;

    /// <summary>The subcommand's arguments and options, in the order <c>--help</c> lists them.</summary>
    protected abstract IEnumerable<Symbol> Inputs { get; }

    /// <summary>Adds the subcommand's arguments and options to <paramref name="command"/>.</summary>
    public void Define(Command command)
    {
        foreach (var input in Inputs)
        {
            if (input is Argument argument)
                command.Arguments.Add(argument);
            else
                command.Options.Add((Option)input);
        }
    }

    /// <summary>Reads the settings from a parse.</summary>
    public abstract TSettings Bind(ParseResult parse);

    /// <summary>Runs the command with valid settings and returns the exit code.</summary>
    public abstract int Execute(TSettings settings, CommandContext context);
}

/// <summary>What a command may use besides its settings: the output streams and the cancellation (Ctrl-C).</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation);
