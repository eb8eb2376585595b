using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Coordinator.Sweeps;

/// <summary>Reads one YAML document into <see cref="YamlNode"/>s with their locations.</summary>
public static class YamlReader
{
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
            var root = ReadNode(parser, path);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw SweepFileException.At(path, Location(parser.Current!.Start), "the file holds more than one YAML document; a sweep file is one");
            return root;
        }
        catch (YamlException e)
        {
            throw SweepFileException.At(path, Location(e.Start), $"not valid YAML: {e.Message}");
        }
    }

    private static YamlNode ReadNode(IParser parser, string path)
    {
        if (parser.Current is NodeEvent { Anchor.IsEmpty: false } anchored)
            throw SweepFileException.At(path, Location(anchored.Start), "anchors and aliases are not supported in sweep files");
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, Location(scalar.Start));
            case SequenceStart sequence:
            {
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(ReadNode(parser, path));
                return new YamlSequence(items, Location(sequence.Start));
            }
            case MappingStart mapping:
            {
                parser.MoveNext();
                var entries = new List<(YamlScalar, YamlNode)>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (ReadNode(parser, path) is not YamlScalar key)
                        throw SweepFileException.At(path, Location(mapping.Start), "mapping keys must be plain names");
                    entries.Add((key, ReadNode(parser, path)));
                }
                return new YamlMapping(entries, Location(mapping.Start));
            }
            case AnchorAlias alias:
                throw SweepFileException.At(path, Location(alias.Start), "anchors and aliases are not supported in sweep files");
            default:
                throw SweepFileException.At(path, Location(parser.Current!.Start), "unexpected YAML content");
        }
    }

    private static SourceLocation Location(Mark mark) => new((int)mark.Line, (int)mark.Column);
}
