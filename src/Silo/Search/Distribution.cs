namespace Silo.Search;

/// <summary>How a range parameter is drawn, by W&amp;B's distribution names. The q_ forms round each draw to a multiple of q.</summary>
public enum Distribution
{
    /// <summary>Uniform on [min, max].</summary>
    Uniform,
    /// <summary>Log-uniform on [min, max] (min &gt; 0), the usual prior for learning rates.</summary>
    LogUniformValues,
    /// <summary>A whole number, uniform on [min, max].</summary>
    IntUniform,
    /// <summary>exp(x), x uniform on [min, max]: min and max are natural logarithms.</summary>
    LogUniform,
    /// <summary>exp(−x), x uniform on [min, max].</summary>
    InvLogUniform,
    /// <summary>1/x, x log-uniform on [1/max, 1/min].</summary>
    InvLogUniformValues,
    /// <summary>Normal with mean mu and standard deviation sigma.</summary>
    Normal,
    /// <summary>exp(x), x normal with mean mu and standard deviation sigma.</summary>
    LogNormal,
}
