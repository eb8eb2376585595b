// Named tensors and optimizer state in libtorch's archive format, to and from bytes
// (NativeMethods.Serialize.cs). Files are written by C#, so that a write can be atomic.
#include "Shim.h"

#include <sstream>

namespace {
struct Output {
    torch::serialize::OutputArchive archive;
    std::string bytes;
};
}

typedef Output* OutputArchive;
typedef torch::serialize::InputArchive* InputArchive;
typedef torch::optim::Optimizer* Optimizer;

EXPORT OutputArchive THSSerialize_output_new() { CATCH_RETURN(OutputArchive, nullptr, new Output()); }

EXPORT void THSSerialize_output_dispose(OutputArchive archive) { delete archive; }

EXPORT void THSSerialize_output_write_tensor(OutputArchive archive, const char* name, Tensor tensor)
{
    CATCH(archive->archive.write(name, tensor->detach());)
}

EXPORT void THSSerialize_output_write_optimizer(OutputArchive archive, const char* name, Optimizer optimizer)
{
    CATCH(torch::serialize::OutputArchive state; optimizer->save(state); archive->archive.write(name, state);)
}

// Serializes the archive and returns its length; THSSerialize_output_copy then copies it out.
EXPORT int64_t THSSerialize_output_finish(OutputArchive archive)
{
    CATCH(std::ostringstream stream; archive->archive.save_to(stream); archive->bytes = stream.str();
          return static_cast<int64_t>(archive->bytes.size());)
    return -1;
}

EXPORT void THSSerialize_output_copy(OutputArchive archive, void* dst, int64_t nbytes)
{
    CATCH(TORCH_CHECK(static_cast<size_t>(nbytes) == archive->bytes.size(), "archive size mismatch");
          std::memcpy(dst, archive->bytes.data(), archive->bytes.size());)
}

// Loads an archive; its tensors are placed on the given device.
EXPORT InputArchive THSSerialize_input_from_bytes(const char* data, int64_t nbytes, int32_t device_type,
                                                  int32_t device_index)
{
    CATCH(auto archive = std::make_unique<torch::serialize::InputArchive>();
          archive->load_from(data, static_cast<size_t>(nbytes), to_device(device_type, device_index));
          return archive.release();)
    return nullptr;
}

EXPORT void THSSerialize_input_dispose(InputArchive archive) { delete archive; }

// Returns the named tensor, or null (with no error) when the archive has none by that name.
EXPORT Tensor THSSerialize_input_read_tensor(InputArchive archive, const char* name)
{
    CATCH(at::Tensor tensor; if (archive->try_read(name, tensor)) return new at::Tensor(tensor);)
    return nullptr;
}

EXPORT bool THSSerialize_input_read_optimizer(InputArchive archive, const char* name, Optimizer optimizer)
{
    CATCH(torch::serialize::InputArchive state; if (!archive->try_read(name, state)) return false;
          optimizer->load(state); return true;)
    return false;
}
