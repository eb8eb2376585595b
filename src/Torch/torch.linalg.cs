using Torch.Native;

namespace Torch;

public static partial class torch
{
    /// <summary>Linear algebra, as <c>torch.linalg</c>.</summary>
    public static class linalg
    {
        /// <summary>Eigenvalues (ascending) and eigenvectors (as columns) of a symmetric matrix.</summary>
        public static (Tensor eigenvalues, Tensor eigenvectors) eigh(Tensor a)
        {
            NativeMethods.THSLinalg_eigh(a.Handle, out var values, out var vectors);
            CheckForErrors();
            return (Tensor.FromRaw(values), Tensor.FromRaw(vectors));
        }

        /// <summary>The singular value decomposition a = U diag(S) Vh.</summary>
        public static (Tensor U, Tensor S, Tensor Vh) svd(Tensor a, bool full_matrices = true)
        {
            NativeMethods.THSLinalg_svd(a.Handle, full_matrices, out var u, out var s, out var vh);
            CheckForErrors();
            return (Tensor.FromRaw(u), Tensor.FromRaw(s), Tensor.FromRaw(vh));
        }
    }

    /// <summary>The diagonal of a matrix, or a diagonal matrix from a vector.</summary>
    public static Tensor diag(Tensor a) => Tensor.From(NativeMethods.THSLinalg_diag(a.Handle));

    /// <summary>The sum of a matrix's diagonal.</summary>
    public static Tensor trace(Tensor a) => Tensor.From(NativeMethods.THSLinalg_trace(a.Handle));
}
