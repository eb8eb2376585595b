namespace Coordinator.Sweeps;

/// <summary>Where something is in a file: 1-based line and column.</summary>
public readonly record struct SourceLocation(int Line, int Column);

/// <summary>A YAML node with its location; mappings keep duplicate keys so that they can be reported.</summary>
public abstract record YamlNode(SourceLocation Location);

/// <summary>A scalar; <see cref="Quoted"/> scalars are always text.</summary>
public sealed record YamlScalar(string Value, bool Quoted, SourceLocation Location) : YamlNode(Location);

/// <summary>A sequence.</summary>
public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, SourceLocation Location) : YamlNode(Location);

/// <summary>A mapping, its entries in file order.</summary>
public sealed record YamlMapping(IReadOnlyList<(YamlScalar Key, YamlNode Value)> Entries, SourceLocation Location) : YamlNode(Location);
