using TorchSharp;
using static TorchSharp.torch;

namespace Gan.Core.Runtime;

/// <summary>The devices an options string names.</summary>
public static class Devices
{
    /// <summary>The device <paramref name="device"/> names: auto is the first GPU if there is one, else the CPU.</summary>
    /// <exception cref="GanException">The device is a GPU this machine does not have.</exception>
    public static Device Resolve(string device)
    {
        if (device == "auto")
            return cuda.is_available() ? CUDA : CPU;
        var parsed = new Device(device);
        var count = cuda.device_count();
        if (parsed.type == DeviceType.CUDA && Math.Max(parsed.index, 0) >= count)
            throw new GanException(GanErrorCode.InvalidOption,
                $"device = '{device}': this machine has {(count == 0 ? "no CUDA device" : $"{count} CUDA device{(count == 1 ? "" : "s")} (cuda:0 to cuda:{count - 1})")}. Use cpu, auto, or a device it has.");
        return parsed;
    }
}
