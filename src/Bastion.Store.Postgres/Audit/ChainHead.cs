namespace Bastion.Store.Postgres.Audit;

/// <summary>A row of <c>audit_heads</c>: the last entry of a tenant's chain (seq 0 and 64 zeros before the first) and the MAC of that pair under the key named.</summary>
internal sealed record ChainHead(long Seq, string Hash, string? KeyId, string? Mac);
