using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// Group commit: records that arrive while a commit is being written share the next commit (one write, one fsync, one
/// head update); each caller is answered once its own entry is durable, and a failed commit records none of its entries.
/// </summary>
public sealed class AuditGroupCommitTests : IDisposable
{
    private const int Waiting = 40;

    private readonly AuditTestLog _test = new();

    public void Dispose() => _test.Dispose();

    /// <summary>
    /// Holds the first commit (one entry) before its fsync until <paramref name="queue"/> has queued more records, so
    /// that they all wait for the second commit; <paramref name="onCommit"/> sees every commit's size.
    /// </summary>
    private static async Task<(AuditEntry First, Task<AuditEntry>[] Queued)> HoldFirstCommitAsync(AuditLog log, Func<Task<AuditEntry>[]> queue, Action<int>? onCommit = null)
    {
        using var inFirstCommit = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var commits = 0;
        log.BeforeSync = size =>
        {
            if (Interlocked.Increment(ref commits) == 1)
            {
                inFirstCommit.Set();
                release.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue();
            }
            else
            {
                onCommit?.Invoke(size);
            }
        };

        var first = log.AppendAsync(AuditTestLog.Call(1), CancellationToken.None);
        inFirstCommit.Wait(TimeSpan.FromMinutes(1)).ShouldBeTrue();
        var queued = queue(); // AppendAsync queues its record before it first waits
        release.Set();
        return (await first, queued);
    }

    [Fact]
    public async Task Append_WritesRecordsThatArriveTogether_AsOneCommit_AndAnswersEachWithItsOwnEntry()
    {
        using var log = _test.Open();
        var sizes = new List<int>();
        var (first, queued) = await HoldFirstCommitAsync(log,
            () => [.. Enumerable.Range(2, Waiting).Select(n => log.AppendAsync(AuditTestLog.Call(n), CancellationToken.None))],
            size => { lock (sizes) { sizes.Add(size); } });
        var entries = await Task.WhenAll(queued);

        sizes.ShouldBe([Waiting], "the records that queued while the first commit was written make one commit");
        entries.Select(e => e.Seq).ShouldBe(Enumerable.Range(2, Waiting).Select(n => (long)n));
        entries.Select(e => e.Arguments!.Value.GetProperty("n").GetInt32()).ShouldBe(Enumerable.Range(2, Waiting), "each caller gets its own entry");
        entries.Select(e => e.Time).Distinct().ShouldHaveSingleItem("a commit stamps its entries with one time");
        entries[0].Prev.ShouldBe(first.Hash);
        var head = JsonDocument.Parse(File.ReadAllText(_test.HeadPath)).RootElement;
        head.GetProperty("seq").GetInt64().ShouldBe(Waiting + 1);
        head.GetProperty("hash").GetString().ShouldBe(entries[^1].Hash);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task Append_FromManyTasksAtOnce_GivesOneValidChain_WithEveryReturnedEntryInIt()
    {
        var clock = TimeProvider.System;
        using var log = new AuditLog(_test.Options, clock);
        var returned = await Task.WhenAll(Enumerable.Range(0, 64).Select(task => Task.Run(async () =>
        {
            var mine = new List<AuditEntry>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(await log.AppendAsync(AuditTestLog.Call((task * 100) + i), CancellationToken.None));
            }

            return mine;
        })));

        var all = returned.SelectMany(e => e).OrderBy(e => e.Seq).ToList();
        all.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 64 * 25).Select(n => (long)n), "seq has no gaps and no repeats");
        for (var i = 1; i < all.Count; i++)
        {
            all[i].Prev.ShouldBe(all[i - 1].Hash, "seq order is hash order");
        }

        foreach (var mine in returned)
        {
            mine.Select(e => e.Seq).ShouldBeInOrder(SortDirection.Ascending, "one task's appends are ordered as it made them");
        }

        var read = await log.ReadAsync(CancellationToken.None).ToListAsync();
        read.Select(e => (e.Seq, e.Hash)).ShouldBe(all.Select(e => (e.Seq, e.Hash)), "every returned entry is in the log as returned");
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).ShouldBe(new AuditVerification(true, 64 * 25, 1, null, "keyed with 1 audit key(s)"));
    }

    [Fact]
    public async Task Append_FailsEveryCallOfACommit_WhoseFsyncFails_AndWritesNoneOfItsEntries()
    {
        using var log = _test.Open();
        var (first, queued) = await HoldFirstCommitAsync(log,
            () => [.. Enumerable.Range(2, Waiting).Select(n => log.AppendAsync(AuditTestLog.Call(n), CancellationToken.None))],
            _ => throw new IOException("No space left on device (injected before the fsync)"));

        foreach (var call in queued)
        {
            (await Should.ThrowAsync<AuditUnavailableException>(call)).Message.ShouldContain($"could not record the {Waiting} entries written together: No space left on device");
        }

        AuditTestLog.Lines(_test.ActivePath).ShouldHaveSingleItem("the failed commit's bytes were cut back: nothing half-written remains");
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).ShouldBe(new AuditVerification(true, 1, 1, null, "keyed with 1 audit key(s)"));

        log.BeforeSync = null;
        var next = await log.AppendAsync(AuditTestLog.Call(99), CancellationToken.None);
        next.Seq.ShouldBe(2);
        next.Prev.ShouldBe(first.Hash);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task Append_CanceledWhileQueued_IsNotRecorded()
    {
        using var log = _test.Open();
        using var cancel = new CancellationTokenSource();
        var (_, queued) = await HoldFirstCommitAsync(log, () =>
        {
            var withdrawn = log.AppendAsync(AuditTestLog.Call(2), cancel.Token);
            cancel.Cancel();
            return [withdrawn, log.AppendAsync(AuditTestLog.Call(3), CancellationToken.None)];
        });

        await Should.ThrowAsync<TaskCanceledException>(queued[0]);
        (await queued[1]).Seq.ShouldBe(2);
        (await log.ReadAsync(CancellationToken.None).ToListAsync()).Select(e => e.Arguments!.Value.GetProperty("n").GetInt32()).ShouldBe([1, 3]);
    }

    [Fact]
    public async Task AHeadOneCommitBehind_AsACrashBetweenFsyncAndHeadLeavesIt_IsAcceptedByVerify_AndRolledForwardByTheWriter()
    {
        AuditEntry first;
        AuditEntry[] commit;
        using (var log = _test.Open())
        {
            (first, var queued) = await HoldFirstCommitAsync(log,
                () => [.. Enumerable.Range(2, Waiting).Select(n => log.AppendAsync(AuditTestLog.Call(n), CancellationToken.None))]);
            commit = await Task.WhenAll(queued);
        }

        _test.WriteHead(first.Seq, first.Hash); // the head as it was before the second commit's head update

        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).ShouldBe(new AuditVerification(true, Waiting + 1, 1, null, "keyed with 1 audit key(s)"));
        using (var log = _test.Open())
        {
            (await log.AppendAsync(AuditTestLog.Call(100), CancellationToken.None)).Prev.ShouldBe(commit[^1].Hash);
        }

        JsonDocument.Parse(File.ReadAllText(_test.HeadPath)).RootElement.GetProperty("seq").GetInt64().ShouldBe(Waiting + 2);
    }

    [Fact]
    public async Task AHeadBehindByMoreThanOneCommit_IsRefusedByVerifyAndTheWriter()
    {
        await _test.FillAsync(3); // three commits, one second apart
        var lines = AuditTestLog.Lines(_test.ActivePath);
        var firstEntry = JsonDocument.Parse(lines[0]).RootElement;
        _test.WriteHead(1, firstEntry.GetProperty("hash").GetString()!);

        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Problem.ShouldNotBeNull().ShouldContain("audit.head records entry 1 but the log goes on to entry 3");
        using var log = _test.Open();
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(4), CancellationToken.None)))
            .Message.ShouldContain("audit.head (entry 1) does not match the last entry of audit.jsonl (entry 3)");
    }
}
