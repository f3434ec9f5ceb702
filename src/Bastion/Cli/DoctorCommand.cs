using System.CommandLine;
using System.Text.Json;
using System.Globalization;
using Bastion.Core;
using Bastion.Core.Audit;
using Bastion.Core.Configuration;
using Bastion.Core.History;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;
using Bastion.Ssh;
using Bastion.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion doctor</c>: checks the ssh client, the data directory's permissions, the inventory, the command policy,
/// the audit log, the vault key, the history store's size and coverage, every SSH host's reachability (without
/// recording any host key) and each configured hosting platform (<see cref="DoctorPlatforms"/>), and says how to fix each problem.
/// Exit code 1 when any check fails.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var noHosts = new Option<bool>("--no-hosts") { Description = "Do not connect to the inventory's hosts." };
        var noPlatforms = new Option<bool>("--no-platforms") { Description = "Do not call the configured hosting platforms." };
        var sshConfig = new Option<string?>("--ssh-config") { Description = "ssh_config file for ssh -F (default: ~/.ssh/config)." };
        var command = new Command("doctor", "Check Bastion's set-up and say how to fix what is wrong.") { noHosts, noPlatforms, sshConfig };
        HistoryFlags.AddRetentionTo(command);
        StoreFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = ServerFlags.Paths(parse);
            var checks = new List<DoctorCheck>
            {
                await SshClientAsync(cancellationToken),
                DataDirectory(paths),
                Policy(paths),
                await AuditAsync(paths, cancellationToken),
                AuditShipping(paths),
                Vault(paths),
                await HistoryAsync(paths, HistoryFlags.Options(parse), cancellationToken),
            };
            checks.AddRange(await DoctorStore.CheckAsync(parse, paths, cancellationToken));
            var (inventoryCheck, hosts) = Inventory(paths);
            checks.Add(inventoryCheck);
            if (!parse.GetValue(noPlatforms))
            {
                checks.AddRange(await DoctorPlatforms.CheckAsync(paths, cancellationToken));
            }

            if (!parse.GetValue(noHosts))
            {
                // The check `bastion hosts test` makes, without recording a host key seen for the first time.
                var check = new HostCheck(new SshOptions { ConfigFile = parse.GetValue(sshConfig), ConnectTimeout = TimeSpan.FromSeconds(5) }, paths, recordNewKeys: false);
                checks.AddRange(await Task.WhenAll(hosts.Where(h => h.Kind == HostKind.Ssh).Select(async h => HostLine(await check.CheckAsync(h, cancellationToken)))));
            }

            var table = new Table().AddColumns("check", "status", "found", "fix");
            foreach (var c in checks)
            {
                table.AddRow(Markup.Escape(c.Name), c.Status, Markup.Escape(c.Detail), Markup.Escape(c.Fix ?? string.Empty));
            }

            AnsiConsole.Write(table);
            return checks.Any(c => c.Status == "fail") ? 1 : 0;
        });
        return command;
    }

    private static async Task<DoctorCheck> SshClientAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessExecutor.RunAsync("local", ["ssh", "-V"], new CommandRequest([]), null, cancellationToken);
            return new DoctorCheck("ssh client", "ok", result.Stderr.Trim(), null);
        }
        catch (HostUnreachableException)
        {
            return new DoctorCheck("ssh client", "fail", "ssh is not on PATH", "Install the OpenSSH client (Debian: apt-get install openssh-client).");
        }
    }

    /// <summary>The history store's size on disk, rows, coverage, sample interval and retention; never creates the file.</summary>
    private static async Task<DoctorCheck> HistoryAsync(BastionPaths paths, HistoryOptions options, CancellationToken cancellationToken)
    {
        var file = Path.Combine(paths.DataDirectory, SqliteStoreSetup.HistoryFile);
        var retention = $"kept: raw {Span(options.RawRetention)}, 5-minute rollups {Span(options.RollupRetention)}";
        if (!File.Exists(file))
        {
            return new DoctorCheck("history", "ok", $"no history yet ({file}); {retention}", null);
        }

        try
        {
            using var store = new SqliteHistoryStore(file, options, TimeProvider.System);
            var info = await store.InfoAsync(cancellationToken);
            var rows = await store.RowsAsync(cancellationToken);
            SqliteConnection.ClearAllPools();
            var perSample = rows is { Samples: > 0 } ? $" (≈ {info.SizeBytes / (double)rows.Samples:0.#} B per sample, all tables)" : string.Empty;
            var counts = rows is null ? string.Empty : $"; {rows.Samples:N0} samples, {rows.Rollups:N0} rollups, {rows.Ticks:N0} ticks of {rows.Hosts} host(s), {rows.Series:N0} series";
            // Raw samples reach back to the last pruning, or to the oldest tick when nothing was pruned yet.
            var coverage = info.Oldest is { } oldest
                ? $"; covers {oldest:yyyy-MM-dd HH:mm} to {info.Newest:yyyy-MM-dd HH:mm} UTC, raw from {(info.RawKeptFrom > oldest ? info.RawKeptFrom : oldest):yyyy-MM-dd HH:mm}"
                : "; no ticks yet";
            var interval = info.SampleInterval is { } every ? $"; interval {every.TotalSeconds:0.###} s" : string.Empty;
            var detail = $"{info.SizeBytes:N0} bytes{perSample}{counts}{coverage}{interval}; {retention}";
            var stale = info.Newest is { } newest && info.SampleInterval is { } i && DateTimeOffset.UtcNow - newest > i * 5 + TimeSpan.FromMinutes(1);
            return stale
                ? new DoctorCheck("history", "warn", $"{detail}; last tick {info.Newest:yyyy-MM-dd HH:mm} UTC", "No collector writes now: `bastion serve` runs one, `bastion collect` runs one alone.")
                : new DoctorCheck("history", "ok", detail, null);
        }
        catch (BastionException e)
        {
            return new DoctorCheck("history", "fail", e.Message, $"Move {file} aside to start a new history, or use the Bastion that wrote it.");
        }
    }

    private static string Span(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? $"{span.TotalDays:0}d" : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0}h" : $"{span.TotalSeconds:0}s";

    private static DoctorCheck DataDirectory(BastionPaths paths)
    {
        var dir = paths.DataDirectory;
        if (!Directory.Exists(dir))
        {
            return new DoctorCheck("data directory", "warn", $"{dir} does not exist yet", "It is created on first use; `bastion hosts add` or `bastion setup` creates it.");
        }

        var mode = File.GetUnixFileMode(dir);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            return new DoctorCheck("data directory", "fail", $"{dir} is writable by others ({Octal(mode)})", $"chmod 700 '{dir}'");
        }

        return (mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0
            ? new DoctorCheck("data directory", "warn", $"{dir} is readable by others ({Octal(mode)})", $"chmod 700 '{dir}'")
            : new DoctorCheck("data directory", "ok", $"{dir} ({Octal(mode)})", null);
    }

    private static DoctorCheck Policy(BastionPaths paths)
    {
        var file = Path.Combine(paths.DataDirectory, "policy.yaml");
        try
        {
            var policy = CommandPolicy.Load(file);
            return new DoctorCheck("command policy", "ok", File.Exists(file) ? $"{file} loads" : $"built-in rules only ({policy.ReadOnlyCommands.Count} read-only commands); no {file}", null);
        }
        catch (BastionException e)
        {
            return new DoctorCheck("command policy", "fail", e.Message, $"Fix {file}; docs/security.md describes its syntax.");
        }
    }

    /// <summary>"; 12.0 MiB, growing 1.5 MiB/day, 40.2 GiB free: full in about 27400 days" (empty when it cannot be measured).</summary>
    private static async Task<string> AuditUsageTextAsync(BastionPaths paths, CancellationToken cancellationToken)
    {
        try
        {
            var usage = await AuditUsage.MeasureAsync(paths.AuditDirectory, cancellationToken);
            static string Size(double b) => b >= 1 << 30 ? $"{b / (1 << 30):F1} GiB" : b >= 1 << 20 ? $"{b / (1 << 20):F1} MiB" : $"{b / 1024:F1} KiB";
            var rate = usage.BytesPerDay is { } perDay
                ? string.Create(CultureInfo.InvariantCulture, $", growing {Size(perDay)}/day, {Size(usage.FreeBytes)} free: full in about {usage.DaysToFull:F0} days at that rate")
                : string.Create(CultureInfo.InvariantCulture, $", {Size(usage.FreeBytes)} free (too little history for a growth rate)");
            return string.Create(CultureInfo.InvariantCulture, $"; {Size(usage.Bytes)} on disk{rate}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return string.Empty;
        }
    }

    private static async Task<DoctorCheck> AuditAsync(BastionPaths paths, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.AuditDirectory))
        {
            return new DoctorCheck("audit log", "ok", "no entries yet", null);
        }

        var result = await AuditLog.VerifyAsync(paths.AuditDirectory, cancellationToken);
        return result.Ok
            ? new DoctorCheck("audit log", "ok", $"{result.EntriesChecked} entries in {result.FilesChecked} file(s), chain intact{await AuditUsageTextAsync(paths, cancellationToken)}", null)
            : new DoctorCheck("audit log", "fail", result.Problem ?? "broken", $"Keep a copy of {paths.AuditDirectory} for investigation, then move it aside to start a new log.");
    }

    /// <summary>
    /// What the last server shipped to syslog/OTLP and dropped (audit/audit.shipping.json, kept by the server every 5 s
    /// while the counts change), for the server's own log and each tenant's (tenants/NAME/audit, one shipper each):
    /// warn when entries were dropped or a file cannot be read.
    /// </summary>
    private static DoctorCheck AuditShipping(BastionPaths paths)
    {
        var tenantsDirectory = Path.Combine(paths.DataDirectory, "tenants");
        string[] tenants = Directory.Exists(tenantsDirectory)
            ? [.. Directory.GetDirectories(tenantsDirectory).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)]
            : [];
        var logs = new List<(string? Tenant, string File)>();
        foreach (var (tenant, directory) in tenants.Select(t => ((string?)t, Path.Combine(tenantsDirectory, t, "audit"))).Prepend((null, paths.AuditDirectory)))
        {
            var state = Path.Combine(directory, Core.Audit.Shipping.AuditShipper.StateFileName);
            if (File.Exists(state))
            {
                logs.Add((tenant, state));
            }
        }

        if (logs.Count == 0)
        {
            return new DoctorCheck("audit shipping", "ok", "not configured (BASTION_AUDIT_SYSLOG, BASTION_AUDIT_OTLP), or nothing shipped yet", null);
        }

        var details = new List<string>();
        var dropped = false;
        foreach (var (tenant, file) in logs)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = document.RootElement;
                var sinks = root.GetProperty("sinks").EnumerateArray().Select(s => (
                    Name: s.GetProperty("name").GetString(),
                    Sent: s.GetProperty("sent").GetInt64(),
                    Dropped: s.GetProperty("dropped").GetInt64(),
                    Error: s.GetProperty("last_error").GetString())).ToList();
                dropped |= sinks.Any(s => s.Dropped > 0);
                details.Add((tenant is null ? string.Empty : $"tenant {tenant}: ")
                    + string.Join("; ", sinks.Select(s => string.Create(CultureInfo.InvariantCulture,
                        $"{s.Name}: {s.Sent} sent, {s.Dropped} dropped{(s.Error is null ? "" : $" (last error: {s.Error})")}")))
                    + string.Create(CultureInfo.InvariantCulture, $" (as of {root.GetProperty("updated").GetDateTimeOffset():yyyy-MM-dd HH:mm:ss} UTC)"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return new DoctorCheck("audit shipping", "warn", $"{file} cannot be read: {e.Message}", null);
            }
        }

        var detail = string.Join(" | ", details);
        return dropped
            ? new DoctorCheck("audit shipping", "warn", detail, "A receiver was down or slow: the dropped entries are in the local log; send them with `bastion audit export --since … --until …` (a tenant's: with `--data-dir DATA/tenants/NAME`) and check the receiver (or raise BASTION_AUDIT_SHIP_BUFFER).")
            : new DoctorCheck("audit shipping", "ok", detail, null);
    }

    private static DoctorCheck Vault(BastionPaths paths)
    {
        if (!File.Exists(paths.VaultFile))
        {
            return new DoctorCheck("vault", "ok", "no credentials stored yet", null);
        }

        try
        {
            using var vault = CredentialVault.Open(paths);
            return new DoctorCheck("vault", "ok", $"{vault.List().Count} credential(s), key: {vault.KeyKind}", null);
        }
        catch (BastionException e)
        {
            return new DoctorCheck("vault", "fail", e.Message, "Supply the vault's key (BASTION_VAULT_KEY, BASTION_VAULT_PASSPHRASE or the key file); docs/security.md, section Vault.");
        }
    }

    private static (DoctorCheck Check, IReadOnlyList<Host> Hosts) Inventory(BastionPaths paths)
    {
        try
        {
            var inventory = new FileInventory(paths);
            var hosts = inventory.Hosts;
            return inventory.Invalid is { Count: > 0 } invalid
                ? (new DoctorCheck("inventory", "fail", $"{hosts.Count - 1} SSH host(s) in {paths.InventoryFile}; {invalid.Count} invalid entr{(invalid.Count == 1 ? "y" : "ies")} skipped: {string.Join(" ", invalid.Select(e => e.Describe(paths.InventoryFile)))}", "Fix or remove the invalid entries (`bastion hosts remove NAME` removes one by its name); the other hosts work meanwhile."), hosts)
                : (new DoctorCheck("inventory", "ok", $"{hosts.Count - 1} SSH host(s) in {paths.InventoryFile}", null), hosts);
        }
        catch (BastionException e)
        {
            return (new DoctorCheck("inventory", "fail", e.Message, $"Fix {paths.InventoryFile} (or restore it) and run `bastion hosts list`."), []);
        }
    }

    /// <summary>A host's line: the result of the same check `bastion hosts test` makes.</summary>
    internal static DoctorCheck HostLine(HostCheckResult result) =>
        result.Ok
            ? new DoctorCheck($"host {result.Host}", "ok", $"reachable in {result.Seconds:0.00} s (hostname {result.Hostname})", null)
            : new DoctorCheck($"host {result.Host}", "fail", result.Error ?? "no answer", result.Error?.Contains("not yet known", StringComparison.Ordinal) == true
                ? $"bastion hosts test {result.Host} (check the fingerprint it shows)"
                : $"Check the address, port, user and key with `bastion hosts show {result.Host}`, and the network; `bastion hosts test {result.Host}` makes the same check.");

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
