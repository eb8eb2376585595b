// Live-tensor counts and the default generator are process-wide; tests that assert on them
// must not interleave with others.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
