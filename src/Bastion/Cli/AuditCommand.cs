using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Mcp;
using Bastion.Store.Postgres.Audit;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion audit tail|search|verify|head|rotate-key|export</c>: read and check the keyed, tamper-evident audit log in the
/// data directory, or with <c>--store</c> the chains in the shared PostgreSQL store.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var command = new Command("audit", "Read and verify Bastion's audit log (audit/ in the data directory).");
        command.Subcommands.Add(Tail());
        command.Subcommands.Add(Search());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Head());
        command.Subcommands.Add(RotateKey());
        command.Subcommands.Add(Export());
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
                Console.Out.WriteLine(JsonSerializer.Serialize(entry, BastionJson.Info<AuditEntry>()));
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
        var command = new Command("search", "Find entries, newest first, one JSON object per line (with --store: in the shared store's chain of --tenant).") { tool, principal, decision, since, text, limit, TenantOption };
        StoreFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = new AuditQuery(parse.GetValue(tool), parse.GetValue(principal), parse.GetValue(decision), parse.GetValue(since), null, parse.GetValue(text), Math.Max(1, parse.GetValue(limit)));
            await using var store = StoreFlags.Create(parse);
            using var log = Log(parse);
            IAuditTrail trail = store is null ? log : new PostgresAuditChain(store, parse.GetValue(TenantOption), StoreFlags.AuditKeyFile(parse, ServerFlags.Paths(parse)), TimeProvider.System);
            foreach (var entry in await trail.SearchAsync(query, cancellationToken))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entry, BastionJson.Info<AuditEntry>()));
            }

            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var directory = new Option<string?>("--dir") { Description = "Audit directory to check (default: audit/ in the data directory), e.g. a copy." };
        var keyFile = new Option<string?>("--key-file") { Description = "The audit keyring (default: audit.key beside the audit directory)." };
        var allowUnkeyed = new Option<bool>("--allow-unkeyed") { Description = "Accept a log without a keyring whose entries are all unkeyed (written before keyed chains), checked as a plain hash chain." };
        var anchor = new Option<string?>("--anchor") { Description = "A head kept elsewhere (the output of `bastion audit head`, or SEQ:HASH): the log must still hold that entry with that hash." };
        var command = new Command(
            "verify",
            "Check the keyed hash chain, the head and the keyring: exit 0 and 'ok' when intact, else exit 1 and the first problem (file and line; " +
            "with --store: every tenant's chain in the shared store, or --tenant's, and the tenant and seq of the problem).")
        {
            directory, keyFile, allowUnkeyed, anchor, TenantOption,
        };
        StoreFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (StoreFlags.Requested(parse))
            {
                return await VerifyStoreAsync(parse, cancellationToken);
            }

            long? anchorSeq = null;
            string? anchorHash = null;
            if (parse.GetValue(anchor) is { } given)
            {
                if (!TryParseAnchor(given, out var seq, out var hash))
                {
                    await Console.Error.WriteLineAsync($"--anchor '{given}' is not a head: give the JSON line `bastion audit head` printed, or SEQ:HASH (a whole number, a colon and 64 lowercase hex digits).");
                    return 2;
                }

                (anchorSeq, anchorHash) = (seq, hash);
            }

            var options = new AuditVerifyOptions(parse.GetValue(keyFile), parse.GetValue(allowUnkeyed), anchorSeq, anchorHash);
            var result = await AuditLog.VerifyAsync(parse.GetValue(directory) ?? ServerFlags.Paths(parse).AuditDirectory, options, cancellationToken);
            if (result.Ok)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ok: {result.EntriesChecked} entries in {result.FilesChecked} file(s), chain intact{(result.Note is null ? "" : "; " + result.Note)}{(anchorSeq is null ? "" : $"; entry {anchorSeq} matches the anchor")}."));
                return 0;
            }

            await Console.Error.WriteLineAsync($"BROKEN: {result.Problem}");
            return 1;
        });
        return command;
    }

    private static Command Head()
    {
        var directory = new Option<string?>("--dir") { Description = "Audit directory (default: audit/ in the data directory)." };
        var command = new Command(
            "head",
            "Print the log's head (seq and hash of the last entry, and its key id) as one JSON line. Ship it to another system " +
            "periodically: `bastion audit verify --anchor '<line>'` then proves the log still holds that entry unchanged.")
        {
            directory,
        };
        command.SetAction(async (parse, _) =>
        {
            try
            {
                Console.Out.WriteLine(AuditLog.ReadHeadText(parse.GetValue(directory) ?? ServerFlags.Paths(parse).AuditDirectory));
                return 0;
            }
            catch (AuditUnavailableException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command RotateKey()
    {
        var command = new Command(
            "rotate-key",
            "Add a new audit key to audit.key. The writer takes it into use at its next entry (a running server at its next call) " +
            "and records the change in the chain; old keys stay, so old entries still verify. `bastion vault rotate-key` does this too.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var id = await AuditLog.RotateKeyAsync(new AuditOptions { Directory = ServerFlags.Paths(parse).AuditDirectory }, TimeProvider.System, cancellationToken);
                Console.Out.WriteLine($"Added audit key {id}; the next audit entry is keyed with it and records the change.");
                return 0;
            }
            catch (AuditUnavailableException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> VerifyStoreAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var store = StoreFlags.Create(parse)!;
        var keyFile = StoreFlags.AuditKeyFile(parse, ServerFlags.Paths(parse));
        var tenants = parse.GetResult(TenantOption) is { Implicit: false } ? [parse.GetValue(TenantOption)!] : await PostgresAuditVerifier.TenantsAsync(store, cancellationToken);
        var failed = false;
        foreach (var tenant in tenants)
        {
            var result = await PostgresAuditVerifier.VerifyAsync(store, tenant, keyFile, cancellationToken);
            if (result.Ok)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok: tenant '{tenant}': {result.EntriesChecked} entries in {store.Location.Display}, chain intact; {result.Note}."));
            }
            else
            {
                await Console.Error.WriteLineAsync($"BROKEN: {result.Problem}");
                failed = true;
            }
        }

        if (tenants.Count == 0)
        {
            Console.Out.WriteLine($"ok: {store.Location.Display} holds no audit chain yet.");
        }

        return failed ? 1 : 0;
    }

    private static Command Export()
    {
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only entries at or after this UTC time, e.g. 2026-11-21T09:00:00Z." };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Only entries before this UTC time." };
        var format = new Option<string>("--format")
        {
            Description = "jsonl: the entries' lines byte for byte (the format of audit.jsonl); otlp: OTLP/HTTP JSON ExportLogsServiceRequest objects, one per line of up to 256 records (seq and hash as attributes).",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "otlp");
        var command = new Command(
            "export",
            "Write audit entries to stdout, oldest first: the file log of the data directory (rotated, archived and active files), or with --store the shared " +
            "store's chain of --tenant; --since/--until pick a time range. Not verified: run `bastion audit verify` for that.")
        {
            since, until, format, TenantOption,
        };
        StoreFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (from, to, otlp) = (parse.GetValue(since), parse.GetValue(until), parse.GetValue(format) == "otlp");
            await using var store = StoreFlags.Create(parse);
            var entries = store is null
                ? AuditLog.ReadLinesAsync(ServerFlags.Paths(parse).AuditDirectory, cancellationToken)
                : StoreLinesAsync(new PostgresAuditChain(store, parse.GetValue(TenantOption), StoreFlags.AuditKeyFile(parse, ServerFlags.Paths(parse)), TimeProvider.System), cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            var batch = new List<Core.Audit.Shipping.ShippedEntry>();
            await foreach (var entry in entries)
            {
                if ((from is { } f && entry.Time < f) || (to is { } t && entry.Time >= t))
                {
                    continue;
                }

                if (!otlp)
                {
                    await stdout.WriteAsync(System.Text.Encoding.UTF8.GetBytes(entry.Line + "\n"), cancellationToken);
                    continue;
                }

                batch.Add(entry);
                if (batch.Count == 256)
                {
                    await WriteOtlpAsync(stdout, batch, cancellationToken);
                }
            }

            if (batch.Count > 0)
            {
                await WriteOtlpAsync(stdout, batch, cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static async Task WriteOtlpAsync(Stream output, List<Core.Audit.Shipping.ShippedEntry> batch, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Core.Audit.Shipping.OtlpSink.Request(batch), cancellationToken);
        output.WriteByte((byte)'\n');
        batch.Clear();
    }

    private static async IAsyncEnumerable<Core.Audit.Shipping.ShippedEntry> StoreLinesAsync(PostgresAuditChain chain, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in chain.ReadLinesAsync(cancellationToken))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            yield return new Core.Audit.Shipping.ShippedEntry(
                root.GetProperty("seq").GetInt64(),
                root.GetProperty("hash").GetString()!,
                root.GetProperty("time").GetDateTimeOffset(),
                root.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.String ? tenant.GetString() : null,
                System.Text.Encoding.UTF8.GetString(line));
        }
    }

    private static readonly Option<string> TenantOption = new("--tenant")
    {
        Description = $"With --store: the tenant whose chain to read (default: {Core.Secrets.Vault.CredentialVault.DefaultTenant}, the server's own principals).",
        DefaultValueFactory = _ => Core.Secrets.Vault.CredentialVault.DefaultTenant,
    };

    /// <summary>An anchor: the JSON line of <c>bastion audit head</c>, or <c>SEQ:HASH</c>.</summary>
    private static bool TryParseAnchor(string text, out long seq, out string hash)
    {
        (seq, hash) = (0, string.Empty);
        text = text.Trim();
        string? seqText = null;
        string? hashText = null;
        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                seqText = root.TryGetProperty("seq", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetRawText() : null;
                hashText = root.TryGetProperty("hash", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
            }
            catch (JsonException)
            {
                return false;
            }
        }
        else if (text.Split(':') is [var left, var right])
        {
            (seqText, hashText) = (left, right);
        }

        if (seqText is null || hashText is null || !long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out seq)
            || hashText.Length != 64 || !hashText.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            return false;
        }

        hash = hashText;
        return true;
    }

    private static AuditLog Log(ParseResult parse) =>
        new(new AuditOptions { Directory = ServerFlags.Paths(parse).AuditDirectory }, TimeProvider.System);
}
