using Torch.Native;

namespace Torch;

public sealed partial class Tensor
{
    private enum Comparison { Eq, Ne, Lt, Le, Gt, Ge }

    /// <summary><c>this + alpha * other</c>.</summary>
    public Tensor add(Tensor other, double alpha = 1) => From(NativeMethods.THSTensor_add(Handle, other.Handle, alpha));

    /// <summary>Adds <c>alpha * other</c> in place.</summary>
    public Tensor add_(Tensor other, double alpha = 1)
    {
        NativeMethods.THSTensor_add_(Handle, other.Handle, alpha);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>Multiplies in place by a scalar.</summary>
    public Tensor mul_(double factor)
    {
        NativeMethods.THSTensor_mul_scalar_(Handle, factor);
        torch.CheckForErrors();
        return this;
    }

    /// <summary>Elementwise power.</summary>
    public Tensor pow(double exponent) => From(NativeMethods.THSTensor_pow_scalar(Handle, exponent));

    /// <summary>Elementwise negation.</summary>
    public Tensor neg() => From(NativeMethods.THSTensor_neg(Handle));

    /// <summary>Elementwise absolute value.</summary>
    public Tensor abs() => From(NativeMethods.THSTensor_abs(Handle));

    /// <summary>Elementwise square root.</summary>
    public Tensor sqrt() => From(NativeMethods.THSTensor_sqrt(Handle));

    /// <summary>Elementwise e^x.</summary>
    public Tensor exp() => From(NativeMethods.THSTensor_exp(Handle));

    /// <summary>Elementwise natural logarithm.</summary>
    public Tensor log() => From(NativeMethods.THSTensor_log(Handle));

    /// <summary>A bool mask of the elements that are neither NaN nor infinite.</summary>
    public Tensor isfinite() => From(NativeMethods.THSTensor_isfinite(Handle));

    /// <summary>Clamps into [min, max]; a null bound leaves that side open.</summary>
    public Tensor clamp(double? min = null, double? max = null) =>
        From(NativeMethods.THSTensor_clamp(Handle, min ?? 0, min.HasValue, max ?? 0, max.HasValue));

    /// <summary>The sum of all elements.</summary>
    public Tensor sum() => From(NativeMethods.THSTensor_sum(Handle));

    /// <summary>The sum over <paramref name="dims"/>.</summary>
    public unsafe Tensor sum(ReadOnlySpan<long> dims, bool keepdim = false)
    {
        fixed (long* p = dims)
            return From(NativeMethods.THSTensor_sum_dims(Handle, p, dims.Length, keepdim));
    }

    /// <summary>The mean of all elements.</summary>
    public Tensor mean() => From(NativeMethods.THSTensor_mean(Handle));

    /// <summary>The mean over <paramref name="dims"/>.</summary>
    public unsafe Tensor mean(ReadOnlySpan<long> dims, bool keepdim = false)
    {
        fixed (long* p = dims)
            return From(NativeMethods.THSTensor_mean_dims(Handle, p, dims.Length, keepdim));
    }

    /// <summary>The standard deviation of all elements.</summary>
    public Tensor std(bool unbiased = true) => From(NativeMethods.THSTensor_std(Handle, unbiased));

    /// <summary>The standard deviation over <paramref name="dims"/>.</summary>
    public unsafe Tensor std(ReadOnlySpan<long> dims, bool unbiased = true, bool keepdim = false)
    {
        fixed (long* p = dims)
            return From(NativeMethods.THSTensor_std_dims(Handle, p, dims.Length, unbiased, keepdim));
    }

    /// <summary>The largest element.</summary>
    public Tensor max() => From(NativeMethods.THSTensor_max(Handle));

    /// <summary>The smallest element.</summary>
    public Tensor min() => From(NativeMethods.THSTensor_min(Handle));

    /// <summary>Whether every element is true (non-zero).</summary>
    public Tensor all() => From(NativeMethods.THSTensor_all(Handle));

    /// <summary>The index of the largest element along <paramref name="dim"/>.</summary>
    public Tensor argmax(long dim, bool keepdim = false) => From(NativeMethods.THSTensor_argmax(Handle, dim, keepdim));

    /// <summary>Mask of <c>this == value</c>.</summary>
    public Tensor eq(double value) => Compare(value, Comparison.Eq);
    /// <summary>Mask of <c>this != value</c>.</summary>
    public Tensor ne(double value) => Compare(value, Comparison.Ne);
    /// <summary>Mask of <c>this &lt; value</c>.</summary>
    public Tensor lt(double value) => Compare(value, Comparison.Lt);
    /// <summary>Mask of <c>this &lt;= value</c>.</summary>
    public Tensor le(double value) => Compare(value, Comparison.Le);
    /// <summary>Mask of <c>this &gt; value</c>.</summary>
    public Tensor gt(double value) => Compare(value, Comparison.Gt);
    /// <summary>Mask of <c>this &gt;= value</c>.</summary>
    public Tensor ge(double value) => Compare(value, Comparison.Ge);
    /// <summary>Mask of <c>this == other</c>, elementwise.</summary>
    public Tensor eq(Tensor other) => Compare(other, Comparison.Eq);
    /// <summary>Mask of <c>this != other</c>, elementwise.</summary>
    public Tensor ne(Tensor other) => Compare(other, Comparison.Ne);
    /// <summary>Mask of <c>this &lt; other</c>, elementwise.</summary>
    public Tensor lt(Tensor other) => Compare(other, Comparison.Lt);
    /// <summary>Mask of <c>this &lt;= other</c>, elementwise.</summary>
    public Tensor le(Tensor other) => Compare(other, Comparison.Le);
    /// <summary>Mask of <c>this &gt; other</c>, elementwise.</summary>
    public Tensor gt(Tensor other) => Compare(other, Comparison.Gt);
    /// <summary>Mask of <c>this &gt;= other</c>, elementwise.</summary>
    public Tensor ge(Tensor other) => Compare(other, Comparison.Ge);

    private Tensor Compare(double value, Comparison op) =>
        From(NativeMethods.THSTensor_compare_scalar(Handle, value, (int)op), op.ToString().ToLowerInvariant());

    private Tensor Compare(Tensor other, Comparison op) =>
        From(NativeMethods.THSTensor_compare(Handle, other.Handle, (int)op), op.ToString().ToLowerInvariant());

    /// <summary>Elementwise sum.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => From(NativeMethods.THSTensor_add(a.Handle, b.Handle, 1), "add");
    /// <summary>Elementwise difference.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => From(NativeMethods.THSTensor_sub(a.Handle, b.Handle), "sub");
    /// <summary>Elementwise product.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => From(NativeMethods.THSTensor_mul(a.Handle, b.Handle), "mul");
    /// <summary>Elementwise quotient.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => From(NativeMethods.THSTensor_div(a.Handle, b.Handle), "div");
    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, double b) => From(NativeMethods.THSTensor_add_scalar(a.Handle, b), "add");
    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(double a, Tensor b) => b + a;
    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, double b) => From(NativeMethods.THSTensor_add_scalar(a.Handle, -b), "sub");
    /// <summary>A scalar minus each element.</summary>
    public static Tensor operator -(double a, Tensor b) => From(NativeMethods.THSTensor_rsub_scalar(b.Handle, a), "rsub");
    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => From(NativeMethods.THSTensor_mul_scalar(a.Handle, b), "mul");
    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => b * a;
    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => From(NativeMethods.THSTensor_div_scalar(a.Handle, b), "div");
    /// <summary>Elementwise negation.</summary>
    public static Tensor operator -(Tensor a) => a.neg();
}
