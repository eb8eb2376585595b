// Linear algebra for evaluation (FID needs float64 matmul and a symmetric square root)
// (NativeMethods.Linalg.cs).
#include "Shim.h"

EXPORT Tensor THSLinalg_matmul(Tensor a, Tensor b) { CATCH_TENSOR(torch::matmul(*a, *b)); }

EXPORT Tensor THSLinalg_diag(Tensor a) { CATCH_TENSOR(torch::diag(*a)); }

EXPORT Tensor THSLinalg_trace(Tensor a) { CATCH_TENSOR(torch::trace(*a)); }

// Eigenvalues ascending, eigenvectors as columns, of a symmetric (Hermitian) matrix.
EXPORT void THSLinalg_eigh(Tensor a, Tensor* eigenvalues, Tensor* eigenvectors)
{
    *eigenvalues = nullptr;
    *eigenvectors = nullptr;
    CATCH(auto result = torch::linalg_eigh(*a, "L"); *eigenvalues = new at::Tensor(std::get<0>(result));
          *eigenvectors = new at::Tensor(std::get<1>(result));)
}

EXPORT void THSLinalg_svd(Tensor a, bool full_matrices, Tensor* u, Tensor* s, Tensor* vh)
{
    *u = *s = *vh = nullptr;
    CATCH(auto result = torch::linalg_svd(*a, full_matrices); *u = new at::Tensor(std::get<0>(result));
          *s = new at::Tensor(std::get<1>(result)); *vh = new at::Tensor(std::get<2>(result));)
}
