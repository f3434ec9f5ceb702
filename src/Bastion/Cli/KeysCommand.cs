using Bastion.Core.Configuration;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Keys;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion keys create|list|revoke</c>: the API keys of HTTP mode, in keys.json in the data directory. A key's text
/// is printed once, when it is created; the file keeps only a hash of its secret, and nothing prints a secret or a hash again.
/// With <c>--store</c> (or <c>BASTION_STORE</c>) the keys are those of the shared store, which every instance reads.
/// </summary>
internal static class KeysCommand
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = Core.CommonJson.Default,
    };

    public static Command Create()
    {
        var command = new Command(
            "keys",
            $"Manage API keys for HTTP mode (kept in {ApiKeyStore.FileName} in the data directory, which holds only a hash of each key). " +
            "Clients send a key as 'Authorization: Bearer <key>'; changes apply to running servers from their next request.");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command CreateKey()
    {
        var tenant = new Option<string>("--tenant") { Description = $"Tenant the key's principal belongs to ({TenantName.Rule}).", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "What the key may do, comma-separated: " + string.Join(", ", Scopes.All) + ".", Required = true };
        var name = new Option<string?>("--name") { Description = $"A label for people, shown by `bastion keys list` ({ApiKeyStore.NameRule})." };
        var expires = new Option<string?>("--expires") { Description = $"When the key stops working: {ApiKeyExpiry.Accepted}. Default: never." };
        var command = new Command(
            "create",
            "Create an API key and print it on stdout. It is shown only this once: Bastion keeps only a hash of it.")
        {
            tenant, scopes, name, expires,
        };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tenantName = TenantName.Validate(parse.GetValue(tenant));
            var scopeSet = Scopes.Parse(parse.GetValue(scopes)!);
            DateTimeOffset? expiry = parse.GetValue(expires) is { } text ? ApiKeyExpiry.Parse(text, TimeProvider.System.GetUtcNow()) : null;
            await using var shared = await StoreFlags.OpenAsync(parse, cancellationToken);
            using var store = new ApiKeyStore(ServerFlags.Paths(parse));
            var (key, token) = shared is null
                ? await store.CreateAsync(tenantName, scopeSet, parse.GetValue(name), expiry, cancellationToken)
                : await Shared(shared).CreateAsync(tenantName, scopeSet, parse.GetValue(name), expiry, cancellationToken);
            await Console.Out.WriteLineAsync(token);
            await Console.Error.WriteLineAsync(
                $"Created API key {key.Id} for tenant {key.Tenant} (scopes: {string.Join(", ", key.Scopes)}; expires: {Time(key.Expires) ?? "never"}). " +
                "The key above will not be shown again: store it now, e.g. in your MCP client's configuration as 'Authorization: Bearer <key>'.");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's keys (default: every tenant's)." };
        var json = new Option<bool>("--json") { Description = "Print the keys as a JSON array." };
        var command = new Command("list", "List API keys: id, tenant, name, scopes, times and state (active, expired, revoked). Never a key or its hash.") { tenant, json };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var shared = await StoreFlags.OpenAsync(parse, cancellationToken);
            using var store = new ApiKeyStore(ServerFlags.Paths(parse));
            var keys = shared is null ? store.List(parse.GetValue(tenant)) : await Shared(shared).ListAsync(parse.GetValue(tenant), cancellationToken);
            var now = TimeProvider.System.GetUtcNow();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(new JsonArray([.. keys.Select(k => (JsonNode)new JsonObject
                {
                    ["id"] = k.Id,
                    ["tenant"] = k.Tenant,
                    ["name"] = k.Name,
                    ["scopes"] = new JsonArray([.. k.Scopes.Select(s => (JsonNode?)s)]),
                    ["created"] = Time(k.Created),
                    ["expires"] = Time(k.Expires),
                    ["revoked"] = Time(k.Revoked),
                    ["state"] = State(k.StateAt(now)),
                })]).ToJsonString(_json));
                return 0;
            }

            if (keys.Count == 0)
            {
                Console.Out.WriteLine(parse.GetValue(tenant) is { } only
                    ? $"No API keys for tenant {only}."
                    : "No API keys. Create one with `bastion keys create --tenant NAME --scopes hosts:read,…`.");
                return 0;
            }

            var table = new Table().AddColumns("id", "tenant", "name", "scopes", "created (UTC)", "expires (UTC)", "state");
            foreach (var key in keys)
            {
                var state = key.StateAt(now);
                table.AddRow(
                    key.Id,
                    Markup.Escape(key.Tenant),
                    Markup.Escape(key.Name ?? string.Empty),
                    Markup.Escape(string.Join(", ", key.Scopes)),
                    Time(key.Created)!,
                    Time(key.Expires) ?? "never",
                    state == ApiKeyState.Revoked ? $"revoked {Time(key.Revoked)}" : State(state));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Revoke()
    {
        var id = new Argument<string>("id") { Description = "The key's id: 8 characters, as `bastion keys list` shows (the part after bst_ in the key)." };
        var command = new Command("revoke", "Revoke an API key. Running servers refuse it from their next request; it stays listed as revoked.") { id };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var shared = await StoreFlags.OpenAsync(parse, cancellationToken);
            using var store = new ApiKeyStore(ServerFlags.Paths(parse));
            var (key, changed) = shared is null
                ? await store.RevokeAsync(parse.GetValue(id)!, cancellationToken)
                : await Shared(shared).RevokeAsync(parse.GetValue(id)!, cancellationToken);
            await Console.Out.WriteLineAsync(changed
                ? $"Revoked API key {key.Id} (tenant {key.Tenant})."
                : $"API key {key.Id} (tenant {key.Tenant}) was already revoked at {Time(key.Revoked)}.");
            return 0;
        });
        return command;
    }

    private static StoreKeys Shared(PostgresStore store) => new(new PostgresApiKeys(store), TimeProvider.System);

    private static string State(ApiKeyState state) => state switch
    {
        ApiKeyState.Active => "active",
        ApiKeyState.Expired => "expired",
        _ => "revoked",
    };

    private static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
