// The thread-local error slot behind the exception barrier.
#include "Shim.h"

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
thread_local std::string taken_error;
}

void shim_set_error(const std::string& message)
{
    last_error = message;
    has_error = true;
}

// Returns the pending error (valid until this thread's next call) and clears it, or null.
EXPORT const char* THSError_take()
{
    if (!has_error)
        return nullptr;
    taken_error.swap(last_error);
    last_error.clear();
    has_error = false;
    return taken_error.c_str();
}
