using System.CommandLine;

namespace Coordinator.Cli;

/// <summary>
/// One subcommand: it declares its arguments and options, binds them to a settings class (which
/// validates itself), and returns its exit code from <see cref="Execute"/>.
/// </summary>
public abstract class SweepCommand<TSettings> where TSettings : CommandSettings
{
    /// <summary>The subcommand's name, as typed after <c>sweep</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Adds the subcommand's arguments and options.</summary>
    public abstract void Define(Command command);

    /// <summary>Reads the settings from a parse.</summary>
    public abstract TSettings Bind(ParseResult parse);

    /// <summary>Runs the command with valid settings and returns the exit code.</summary>
    public abstract int Execute(TSettings settings, CommandContext context);
}

/// <summary>What a command may use besides its settings: the output streams and the cancellation (Ctrl-C).</summary>
public sealed record CommandContext(TextWriter Out, TextWriter Error, CancellationToken Cancellation);
