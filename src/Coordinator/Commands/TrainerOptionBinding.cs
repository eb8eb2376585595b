using System.CommandLine;
using Coordinator.Cli;
using Gan.Core.Training;

namespace Coordinator.Commands;

/// <summary>The command-line options of <see cref="TrainerOptions"/>, one per <see cref="TrainerOptionCatalog"/> declaration, named as in sweep files.</summary>
internal sealed class TrainerOptionBinding
{
    private readonly IReadOnlyList<(TrainerOption Declaration, Option Option)> options =
        [.. TrainerOptionCatalog.List.Select(declaration => (declaration, Flag(declaration)))];

    /// <summary>Every option, in the order of their declarations.</summary>
    public IEnumerable<Option> Options => options.Select(o => o.Option);

    /// <summary>Reads the options from a parse; every option left out keeps its default.</summary>
    /// <exception cref="UserInputException">A value breaks its option's rule (all such problems are listed).</exception>
    public TrainerOptions Bind(ParseResult parse)
    {
        var result = new TrainerOptions();
        var problems = new List<string>();
        foreach (var (declaration, option) in options)
        {
            if (parse.GetResult(option) is not { Implicit: false } given)
                continue;
            var value = given.GetValueOrDefault<object?>();
            if (value is null)
                continue;
            if (declaration.Statement(value) is { } problem)
                problems.Add(problem + ".");
            else
                result = declaration.With(result, value);
        }
        if (problems.Count > 0)
            throw new UserInputException(string.Join(" ", problems));
        return result;
    }

    /// <summary>The flag of one declaration: typed by its kind, its help and default shown in <c>--help</c>.</summary>
    private static Option Flag(TrainerOption declaration)
    {
        var help = declaration.DefaultHelp is { } defaultHelp ? $"{Capitalised(declaration.Help)} (default: {defaultHelp})." : Capitalised(declaration.Help) + ".";
        return declaration.Kind switch
        {
            OptionKind.Real => Typed<double>(declaration, help),
            OptionKind.Integer => Typed<long>(declaration, help),
            _ => Typed<string>(declaration, help),
        };
    }

    private static Option<T> Typed<T>(TrainerOption declaration, string help)
    {
        var option = new Option<T>(declaration.Flag) { Description = help };
        // Shown as [default: …] in --help; an option unset by default says in its help what is used.
        if (declaration.Default is T fixedDefault)
            option.DefaultValueFactory = _ => fixedDefault;
        return option;
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
