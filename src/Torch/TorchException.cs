namespace Torch;

/// <summary>A libtorch error, raised in native code and carried across the shim.</summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception for a failed operation.</summary>
    public TorchException(string operation, string nativeMessage)
        : base($"{operation}: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    /// <summary>The binding's name for the operation that failed, for example <c>matmul</c>.</summary>
    public string Operation { get; }

    /// <summary>libtorch's own message.</summary>
    public string NativeMessage { get; }
}

/// <summary>The shim or libtorch could not be loaded.</summary>
public sealed class TorchLoadException : DllNotFoundException
{
    /// <summary>Creates the exception from one line per place tried.</summary>
    public TorchLoadException(IReadOnlyList<string> attempts)
        : base("Could not load the libtorch shim (libtorch_shim.so). Tried:" + Environment.NewLine
               + string.Join(Environment.NewLine, attempts.Select(a => "  " + a)) + Environment.NewLine
               + "Run ./setup.sh from the repository root: it installs libtorch and builds the shim.")
    {
        Attempts = attempts;
    }

    /// <summary>Each place tried, with why it failed.</summary>
    public IReadOnlyList<string> Attempts { get; }
}
