namespace Coordinator.Cli;

/// <summary>A subcommand's parsed options; <see cref="Validate"/> runs before the command does.</summary>
public abstract record CommandSettings
{
    /// <summary>The problems with these settings, each naming the option, the value and the rule; empty when valid.</summary>
    public virtual IEnumerable<string> Validate() => [];
}
