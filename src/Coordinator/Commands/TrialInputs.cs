using System.CommandLine;

namespace Coordinator.Commands;

/// <summary>The trial id argument and the store options of the commands on one trial (trial, samples, generate), bound to <see cref="TrialSettings"/>.</summary>
/// <param name="withArtifacts">Whether the command takes <c>--artifacts</c>.</param>
internal sealed class TrialInputs(bool withArtifacts = false)
{
    private readonly Argument<long> id = new("id") { Description = "The trial's id (first column of 'sweep show')." };
    private readonly StoreOptions store = new(withArtifacts);

    /// <summary>The argument and options, in the order <c>--help</c> lists them.</summary>
    public IEnumerable<Symbol> Symbols => [id, .. store.Symbols];

    /// <summary>The trial and store a parse names.</summary>
    public TrialSettings Bind(ParseResult parse) => new(store.Bind(parse), parse.GetValue(id));
}
