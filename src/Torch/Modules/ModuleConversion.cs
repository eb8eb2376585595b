using Torch.Modules;

namespace Torch;

/// <summary>Moving and converting modules; each returns the module itself, with its own type.</summary>
public static class ModuleConversion
{
    /// <summary>Moves every parameter and buffer to <paramref name="device"/>, keeping their identity.</summary>
    public static T to<T>(this T module, Device device) where T : Module
    {
        module.ConvertTensors(t => t.to(device));
        return module;
    }

    /// <summary>Converts every parameter and buffer to <paramref name="type"/>, keeping their identity.</summary>
    public static T to<T>(this T module, ScalarType type) where T : Module
    {
        module.ConvertTensors(t => t.to(type));
        return module;
    }
}
