namespace Bastion.Core.Audit;

/// <summary>
/// The entries at the end of a chain that may belong to one commit: the trailing run of entries that share one
/// <c>time</c> (a commit stamps all its entries with the same time), at most <see cref="MaxEntries"/> of them. A head
/// may lag the log by such a run and no more: the writer updates <c>audit.head</c> after each commit's fsync, so a
/// crash between the two leaves the head behind by exactly the entries of that commit, none of which was answered.
/// </summary>
internal sealed class LastCommit
{
    /// <summary>The most entries one commit holds: <see cref="AuditLog.MaxBatchEntries"/> callers plus a recovery entry.</summary>
    public const int MaxEntries = AuditLog.MaxBatchEntries + 1;

    private readonly List<AuditEntry> _run = [];

    /// <summary>Adds the next entry of the chain (in order).</summary>
    public void Add(AuditEntry entry)
    {
        if (_run.Count > 0 && (_run[^1].Time != entry.Time || _run.Count > MaxEntries))
        {
            _run.Clear();
        }

        if (_run.Count > 0 && !string.Equals(_run[^1].Hash, entry.Prev, StringComparison.Ordinal))
        {
            _run.Clear(); // a break in the chain: nothing before it explains a head
            return;
        }

        _run.Add(entry);
    }

    /// <summary>
    /// Whether a head at (<paramref name="headSeq"/>, <paramref name="headHash"/>) behind the last entry is explained by
    /// an interrupted commit: every entry after it is in the trailing run, and the first of them chains on from it.
    /// </summary>
    public bool ExplainsHeadBehind(long headSeq, string headHash)
    {
        if (_run.Count == 0 || _run.Count > MaxEntries)
        {
            return false;
        }

        var first = _run.FindIndex(e => e.Seq == headSeq + 1);
        return first >= 0 && string.Equals(_run[first].Prev, headHash, StringComparison.Ordinal);
    }
}
