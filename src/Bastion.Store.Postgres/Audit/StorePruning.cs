namespace Bastion.Store.Postgres.Audit;

/// <summary>What one retention run did to a tenant's chain.</summary>
/// <param name="Pruned">Entries deleted by this run (0: nothing was past the limits, or another instance had pruned them).</param>
/// <param name="CheckpointSeq">The seq of the last pruned entry the checkpoint now records; 0 when the chain was never pruned.</param>
/// <param name="TotalPruned">Entries pruned from this chain by every run so far, as the checkpoint counts them.</param>
public sealed record StorePruning(long Pruned, long CheckpointSeq, long TotalPruned);
