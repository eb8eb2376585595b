/// <summary>A fact that runs only where libtorch sees a CUDA device, and is skipped elsewhere.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.is_available())
            Skip = "No CUDA device (or a CPU-only libtorch): GPU test skipped.";
    }
}
