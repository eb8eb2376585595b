using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Coordinator.Sweeps;

/// <summary>Reads one YAML document into <see cref="YamlNode"/>s with their locations.</summary>
public static class YamlReader
{
    /// <summary>How deeply collections may nest; a sweep file needs four levels, and reading recurses once per level.</summary>
    public const int MaxDepth = 32;

    /// <summary>The document's root, or null if the text holds none.</summary>
    /// <exception cref="SweepFileException">The text is not valid YAML, or uses anchors, aliases or mapping keys that are not scalars.</exception>
    public static YamlNode? Read(string text, string path)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, path, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw SweepFileException.At(path, Location(Current(parser, path).Start), "the file holds more than one YAML document; a sweep file is one");
            return root;
        }
        catch (YamlException e) when (IndentingTab(text) is { } tab)
        {
            // YamlDotNet reports a tab in indentation at the start of the file, or wherever the
            // scanner gave up; the tab itself is what the user has to find.
            throw SweepFileException.At(path, tab, $"a tab in the indentation; YAML indents with spaces only, so replace it with spaces ({e.Message.TrimEnd('.')})");
        }
        catch (YamlException e)
        {
            throw SweepFileException.At(path, Location(e.Start), $"not valid YAML: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, not with a YamlException, on some unclosed
            // flow collections ("{a: b" then a new line): report it as the syntax error it is.
            throw SweepFileException.At(path, LastToken(text), "not valid YAML: the reader stopped after this point; check for an unclosed '{', '[' or quote");
        }
    }

    /// <summary>The first tab among a line's leading blanks, 1-based; null if no line is indented with one.</summary>
    private static SourceLocation? IndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            var indent = lines[line].Length - lines[line].TrimStart(' ', '\t').Length;
            var tab = lines[line].IndexOf('\t', 0, indent);
            if (tab >= 0)
                return new SourceLocation(line + 1, tab + 1);
        }
        return null;
    }

    /// <summary>Where the last token the scanner could read ends; only for reporting a failed read.</summary>
    private static SourceLocation? LastToken(string text)
    {
        var scanner = new Scanner(new StringReader(text));
        SourceLocation? last = null;
        try
        {
            while (scanner.MoveNext())
                last = Location(scanner.Current!.End);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The same failure again: what was read up to it is the answer.
        }
        return last;
    }

    // The parser has no current event once the text ends early (an unclosed '[' at the end, say).
    private static ParsingEvent Current(IParser parser, string path) =>
        parser.Current ?? throw SweepFileException.At(path, null, "not valid YAML: the file ends in the middle of a value; check for an unclosed bracket or quote");

    private static YamlNode ReadNode(IParser parser, string path, int depth)
    {
        if (depth > MaxDepth)
            throw SweepFileException.At(path, Location(Current(parser, path).Start), $"nested more than {MaxDepth} levels deep; a sweep file needs four");
        var current = Current(parser, path);
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
            throw SweepFileException.At(path, Location(anchored.Start), "anchors and aliases are not supported in sweep files");
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, Location(scalar.Start));
            case SequenceStart sequence:
            {
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, path, depth + 1));
                return new YamlSequence(items, Location(sequence.Start));
            }
            case MappingStart mapping:
            {
                parser.MoveNext();
                var entries = new List<(YamlScalar, YamlNode)>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (ReadNode(parser, path, depth + 1) is not YamlScalar key)
                        throw SweepFileException.At(path, Location(mapping.Start), "mapping keys must be plain names");
                    entries.Add((key, ReadNode(parser, path, depth + 1)));
                }
                return new YamlMapping(entries, Location(mapping.Start));
            }
            case AnchorAlias alias:
                throw SweepFileException.At(path, Location(alias.Start), "anchors and aliases are not supported in sweep files");
            default:
                throw SweepFileException.At(path, Location(current.Start), "unexpected YAML content");
        }
    }

    private static SourceLocation Location(Mark mark) => new((int)mark.Line, (int)mark.Column);
}
