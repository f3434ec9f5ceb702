using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Configuration;

namespace Bastion.Core.Audit;

/// <summary>
/// The audit keyring, <c>audit.key</c> in the data directory (beside <c>audit/</c>, not in it; mode 0600): the HMAC keys
/// the audit chain is keyed with, oldest first, and how many entries at the start of the log were written unkeyed by an
/// earlier Bastion.
/// </summary>
/// <remarks>
/// <para>Shape: <c>{"version":1,"unkeyed_entries":N,"keys":[{"id":"16 hex","key":"base64 of 32 bytes","created":"UTC",
/// "since":SEQ|null}]}</c>. A key keys the entries from <c>since</c> up to the <c>since</c> of the next one; a key whose
/// <c>since</c> is null was added by a rotation and is taken into use by the writer at its next entry. Old keys stay, so
/// old entries still verify.</para>
/// <para>The file is also the log's birth certificate: it is created with the log, so an audit directory that has gone
/// while it remains is a deleted log, not a new one; and the <c>since</c> of the newest key is a lower bound on the
/// chain's length.</para>
/// </remarks>
internal sealed record AuditKeyring(long UnkeyedEntries, IReadOnlyList<AuditKey> Keys)
{
    public const string FileName = "audit.key";

    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const UnixFileMode OthersOrGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The keys in use (with a <c>since</c>), oldest first.</summary>
    public IEnumerable<AuditKey> Active => Keys.Where(k => k.Since is not null);

    /// <summary>The key added by the last rotation and not yet in use, if any.</summary>
    public AuditKey? Pending => Keys.LastOrDefault(k => k.Since is null);

    /// <summary>The first seq the newest key in use keys: the log reached at least the entry before it.</summary>
    public long MinimumLength => Active.Select(k => k.Since!.Value - 1).DefaultIfEmpty(UnkeyedEntries).Max();

    /// <summary>A new keyring for a log of <paramref name="unkeyedEntries"/> entries: one key, in use from the next entry.</summary>
    public static AuditKeyring Create(long unkeyedEntries, DateTimeOffset now) =>
        new(unkeyedEntries, [AuditKey.Create(now) with { Since = unkeyedEntries + 1 }]);

    /// <summary>The key that must key entry <paramref name="seq"/>; null when the entry is one of the unkeyed ones.</summary>
    public AuditKey? KeyFor(long seq) =>
        seq <= UnkeyedEntries ? null : Active.LastOrDefault(k => k.Since <= seq);

    public AuditKey? Find(string id) => Keys.FirstOrDefault(k => k.Id == id);

    /// <summary>This keyring with a new key waiting to be taken into use.</summary>
    public AuditKeyring WithNewKey(DateTimeOffset now) =>
        this with { Keys = [.. Keys.Where(k => k.Since is not null), AuditKey.Create(now)] };

    /// <summary>This keyring with the pending key in use from entry <paramref name="since"/>.</summary>
    public AuditKeyring Activate(long since) =>
        this with { Keys = [.. Keys.Select(k => k.Since is null ? k with { Since = since } : k)] };

    /// <summary>The keyring in <paramref name="path"/>, or null when there is no such file.</summary>
    /// <exception cref="FormatException">The file is accessible to others, or is not a keyring; the message says which.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AuditKeyring? Load(string path)
    {
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? throw new FormatException($"{path} is a directory, not the audit keyring.") : null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersOrGroup) != 0)
        {
            throw new FormatException(
                $"The audit keyring {path} is accessible to other users (mode 0{Convert.ToString((int)mode, 8)}), so Bastion will not use it. " +
                $"Make it private with `chmod 600 {path}`, and consider its keys exposed: rotate with `bastion audit rotate-key`.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                throw Invalid(path, "it is not a version 1 keyring");
            }

            var unkeyed = root.TryGetProperty("unkeyed_entries", out var u) && u.ValueKind == JsonValueKind.Number && u.TryGetInt64(out var n) && n >= 0
                ? n
                : throw Invalid(path, "'unkeyed_entries' is missing or not a whole number >= 0");
            if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() == 0)
            {
                throw Invalid(path, "'keys' is missing or empty");
            }

            var list = new List<AuditKey>();
            long previousSince = unkeyed;
            var pendingSeen = false;
            foreach (var element in keys.EnumerateArray())
            {
                var number = list.Count + 1;
                if (element.ValueKind != JsonValueKind.Object
                    || !element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                    || !element.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String
                    || !element.TryGetProperty("created", out var created) || created.ValueKind != JsonValueKind.String
                    || !element.TryGetProperty("since", out var since))
                {
                    throw Invalid(path, $"key {number} lacks one of id, key, created, since");
                }

                var secret = new byte[AuditKey.Size];
                if (!Convert.TryFromBase64String(key.GetString()!, secret, out var length) || length != AuditKey.Size)
                {
                    throw Invalid(path, $"key {number} is not the base64 of {AuditKey.Size} bytes");
                }

                if (AuditKey.IdOf(secret) != id.GetString())
                {
                    throw Invalid(path, $"key {number}'s id does not match its bytes (the key was altered)");
                }

                long? sinceSeq = since.ValueKind == JsonValueKind.Null ? null
                    : since.ValueKind == JsonValueKind.Number && since.TryGetInt64(out var s) ? s
                    : throw Invalid(path, $"key {number}'s 'since' is not a seq or null");
                if (sinceSeq is { } value)
                {
                    // The first key starts right after the unkeyed entries; each later one after the one before it.
                    var ok = !pendingSeen && (list.Count == 0 ? value == unkeyed + 1 : value > previousSince);
                    if (!ok)
                    {
                        throw Invalid(path, $"key {number}'s 'since' ({value}) is out of order");
                    }

                    previousSince = value;
                }
                else
                {
                    pendingSeen = list.Count > 0 ? true : throw Invalid(path, "the first key is not in use");
                }

                var time = DateTimeOffset.TryParse(created.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                    ? t
                    : throw Invalid(path, $"key {number}'s 'created' is not a time");
                list.Add(new AuditKey(id.GetString()!, secret, time, sinceSeq));
            }

            if (list.Count(k => k.Since is null) > 1)
            {
                throw Invalid(path, "more than one key waits to be taken into use");
            }

            return new AuditKeyring(unkeyed, list);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not JSON ({e.Message})");
        }
    }

    /// <summary>Writes the keyring atomically with mode 0600.</summary>
    public Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var keys = new JsonArray();
        foreach (var key in Keys)
        {
            keys.Add((JsonNode)new JsonObject
            {
                ["id"] = key.Id,
                ["key"] = Convert.ToBase64String(key.Secret),
                ["created"] = AuditFormat.FormatTime(key.Created.ToUniversalTime()),
                ["since"] = key.Since is { } since ? JsonValue.Create(since) : null,
            });
        }

        var root = new JsonObject { ["version"] = 1, ["unkeyed_entries"] = UnkeyedEntries, ["keys"] = keys };
        return AtomicFile.WriteAllTextAsync(
            path,
            root.ToJsonString(_indented) + "\n",
            new AtomicWriteOptions { Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite },
            cancellationToken);
    }

    private static FormatException Invalid(string path, string problem) =>
        new($"The audit keyring {path} cannot be used: {problem}. Restore it from a backup; without it the keyed entries cannot be checked.");
}
