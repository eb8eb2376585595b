namespace Torch.Serialization;

/// <summary>
/// libtorch archive keys become attribute names of a TorchScript module, where a dot would
/// mean nesting; dotted tensor names are stored with '/' instead.
/// </summary>
internal static class ArchiveKeys
{
    internal static string Escape(string name) => name.Replace('.', '/');
}
