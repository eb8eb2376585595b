// Trials seed libtorch's process-wide default generator; tests must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
