using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Mcp;

namespace Bastion.Cli;

/// <summary><c>bastion audit tail|search|verify</c>: read and check the tamper-evident audit log in the data directory.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Read and verify Bastion's audit log (audit/ in the data directory).");
        command.Subcommands.Add(Tail());
        command.Subcommands.Add(Search());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command Tail()
    {
        var count = new Option<int>("-n") { Description = "Entries to show (newest last).", DefaultValueFactory = _ => 20 };
        var command = new Command("tail", "Show the last entries, one JSON object per line.") { count };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var log = Log(parse);
            foreach (var entry in await log.TailAsync(Math.Max(1, parse.GetValue(count)), cancellationToken))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entry, BastionJson.Options));
            }

            return 0;
        });
        return command;
    }

    private static Command Search()
    {
        var tool = new Option<string?>("--tool") { Description = "Only calls of this tool." };
        var principal = new Option<string?>("--principal") { Description = "Only calls by this principal." };
        var decision = new Option<string?>("--decision") { Description = "Only this decision: allowed, refused, confirmation_required, confirmed, declined, dry_run." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only entries at or after this UTC time, e.g. 2026-11-21T09:00:00Z." };
        var text = new Option<string?>("--text") { Description = "Only entries whose arguments, targets or reason contain this text." };
        var limit = new Option<int>("--limit") { Description = "Most entries (newest first).", DefaultValueFactory = _ => 50 };
        var command = new Command("search", "Find entries, newest first, one JSON object per line.") { tool, principal, decision, since, text, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new AuditQuery(parse.GetValue(tool), parse.GetValue(principal), parse.GetValue(decision), parse.GetValue(since), null, parse.GetValue(text), Math.Max(1, parse.GetValue(limit)));
            using var log = Log(parse);
            foreach (var entry in await log.SearchAsync(query, cancellationToken))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entry, BastionJson.Options));
            }

            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var directory = new Option<string?>("--dir") { Description = "Audit directory to check (default: audit/ in the data directory), e.g. a copy." };
        var command = new Command("verify", "Check the hash chain: exit 0 and 'ok' when intact, else exit 1 and the first broken link (file and line).") { directory };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var result = await AuditLog.VerifyAsync(parse.GetValue(directory) ?? ServerFlags.Paths(parse).AuditDirectory, cancellationToken);
            if (result.Ok)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok: {result.EntriesChecked} entries in {result.FilesChecked} file(s), chain intact."));
                return 0;
            }

            await Console.Error.WriteLineAsync($"BROKEN: {result.Problem}");
            return 1;
        });
        return command;
    }

    private static AuditLog Log(ParseResult parse) =>
        new(new AuditOptions { Directory = ServerFlags.Paths(parse).AuditDirectory }, TimeProvider.System);
}
