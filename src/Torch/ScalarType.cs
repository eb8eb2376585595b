namespace Torch;

/// <summary>Element types, numbered as c10::ScalarType numbers them.</summary>
public enum ScalarType : sbyte
{
    /// <summary>Unsigned 8-bit integers.</summary>
    Byte = 0,
    /// <summary>Signed 32-bit integers.</summary>
    Int32 = 3,
    /// <summary>Signed 64-bit integers (indices).</summary>
    Int64 = 4,
    /// <summary>32-bit floats.</summary>
    Float32 = 6,
    /// <summary>64-bit floats.</summary>
    Float64 = 7,
    /// <summary>Booleans (comparison masks).</summary>
    Bool = 11,
}
