namespace Torch;

/// <summary>Device kinds, numbered as c10::DeviceType numbers them.</summary>
public enum DeviceType
{
    /// <summary>The host CPU.</summary>
    CPU = 0,
    /// <summary>An NVIDIA GPU.</summary>
    CUDA = 1,
}

/// <summary>Where a tensor lives: <c>cpu</c> or <c>cuda:N</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    /// <summary>The CPU.</summary>
    public static readonly Device CPU = new(DeviceType.CPU);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <exception cref="FormatException">The text names no device.</exception>
    public static Device Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        return parts switch
        {
            ["cpu"] => CPU,
            ["cuda"] => new Device(DeviceType.CUDA, 0),
            ["cuda", var n] when int.TryParse(n, out var index) && index >= 0 => new Device(DeviceType.CUDA, index),
            _ => throw new FormatException($"'{text}' is not a device: use cpu, cuda or cuda:N."),
        };
    }

    /// <summary>Parses like <see cref="Parse"/>; false if the text names no device.</summary>
    public static bool TryParse(string text, out Device device)
    {
        try
        {
            device = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            device = CPU;
            return false;
        }
    }

    /// <summary>The libtorch spelling, for example <c>cuda:0</c>.</summary>
    public override string ToString() =>
        Type == DeviceType.CPU ? "cpu" : Index < 0 ? "cuda" : $"cuda:{Index}";
}
