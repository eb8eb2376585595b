// Gradients and the grad mode (NativeMethods.Autograd.cs).
#include "Shim.h"

EXPORT void THSAutograd_backward(Tensor t, Tensor gradient, bool retain_graph)
{
    CATCH(t->backward(gradient ? *gradient : at::Tensor(), retain_graph);)
}

// Returns the gradient, or null when none has been computed.
EXPORT Tensor THSAutograd_grad(Tensor t)
{
    CATCH(const auto& grad = t->grad(); if (grad.defined()) return new at::Tensor(grad);)
    return nullptr;
}

// Drops the gradient (set to none), which is what zero_grad means in PyTorch 2.
EXPORT void THSAutograd_clear_grad(Tensor t) { CATCH(t->mutable_grad().reset();) }

EXPORT bool THSAutograd_requires_grad(Tensor t) { CATCH_RETURN(bool, false, t->requires_grad()); }

EXPORT void THSAutograd_set_requires_grad(Tensor t, bool value) { CATCH(t->set_requires_grad(value);) }

EXPORT Tensor THSAutograd_detach(Tensor t) { CATCH_TENSOR(t->detach()); }

EXPORT bool THSAutograd_is_grad_enabled() { return at::GradMode::is_enabled(); }

EXPORT void THSAutograd_set_grad_enabled(bool enabled) { at::GradMode::set_enabled(enabled); }
