// Silos saturate both cores while they train; tests that run them side by side only slow each other down.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
