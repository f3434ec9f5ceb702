using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>The history file's own connection: its commits leave <c>data_version</c> as it was, others' move it, and
/// readers do without the version (and so the cache) while a write holds the connection instead of waiting for it.</summary>
public sealed class OwnConnectionTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-own-").FullName;

    [Fact]
    public async Task DataVersion_StaysForOwnCommits_MovesForAnotherConnections()
    {
        using var db = new SqliteDatabase(Path.Combine(_dir, "history.db"));
        var start = await db.DataVersionAsync(None);

        await db.WriteAsync(c => Exec(c, "INSERT INTO meta (key, value) VALUES ('own', '1')"), None);
        (await db.DataVersionAsync(None)).ShouldBe(start);

        await using (var other = await db.OpenAsync(None))
        {
            await Exec(other, "INSERT INTO meta (key, value) VALUES ('other', '1')");
        }

        (await db.DataVersionAsync(None)).ShouldNotBe(start);
    }

    [Fact]
    public async Task DataVersion_IsNotKnown_WhileAWriteHoldsTheConnection_AndReadersDoNotWait()
    {
        using var db = new SqliteDatabase(Path.Combine(_dir, "history.db"));
        (await db.DataVersionAsync(None)).ShouldNotBeNull();
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var write = db.WriteAsync(async _ =>
        {
            entered.SetResult();
            await release.Task;
        }, None);
        await entered.Task;

        var during = db.DataVersionAsync(None);
        during.IsCompleted.ShouldBeTrue("a reader does not queue behind a write");
        (await during).ShouldBeNull();

        release.SetResult();
        await write;
        (await db.DataVersionAsync(None)).ShouldNotBeNull();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task Exec(SqliteConnection db, string sql)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(None);
    }
}
