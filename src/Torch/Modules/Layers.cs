namespace Torch.Modules;

/// <summary>Zeroes inputs with probability p while training; the identity in evaluation.</summary>
public sealed class Dropout(double p = 0.5) : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.dropout(input, p, training);
}

/// <summary>Nearest-neighbour upsampling of [N, C, H, W] by a scale factor.</summary>
public sealed class Upsample(double scaleFactor) : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => torch.nn.functional.upsample_nearest2d(input, scaleFactor);
}

/// <summary>Merges dimensions, by default all but the batch.</summary>
public sealed class Flatten(long startDim = 1, long endDim = -1) : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input) => input.flatten(startDim, endDim);
}

/// <summary>Splits one dimension into several, for example [N, 12544] into [N, 256, 7, 7].</summary>
public sealed class Unflatten(long dim, long[] sizes) : Module
{
    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var shape = input.shape.ToList();
        var at = dim < 0 ? shape.Count + (int)dim : (int)dim;
        shape.RemoveAt(at);
        shape.InsertRange(at, sizes);
        return input.reshape(shape.ToArray());
    }
}

/// <summary>Applies its children in order; they are named 0, 1, 2 …</summary>
public sealed class Sequential : Module
{
    private readonly Module[] layers;

    /// <summary>A chain of <paramref name="layers"/>.</summary>
    public Sequential(params Module[] layers)
    {
        this.layers = layers;
        for (var i = 0; i < layers.Length; i++)
            register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
            x = layer.forward(x);
        return x;
    }
}
