using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bastion.Core.Audit;

/// <summary>
/// The line format of the audit log and its canonical hash form.
/// </summary>
/// <remarks>
/// A line is one compact JSON object whose last member is the hash, always written as exactly
/// <c>,"hash":"&lt;64 lowercase hex&gt;"}</c>. The hash is computed over the UTF-8 bytes of the line with that
/// suffix replaced by <c>}</c>: the JSON object exactly as it was written, without its hash. A keyed entry names its
/// key (<c>"key":"&lt;16 hex id&gt;"</c>, before <c>prev</c>) and its hash is the HMAC-SHA256 of those bytes under that
/// key of the <see cref="AuditKeyring"/>; an entry without <c>key</c> (written before keyed chains) is hashed with
/// plain SHA-256. A verifier hashes the bytes it reads; it never re-serialises numbers, strings or escapes, so the form
/// does not depend on any JSON library's formatting.
/// </remarks>
internal static class AuditFormat
{
    public const int HashHexLength = 64;

    /// <summary>The <c>prev</c> of the first entry.</summary>
    public static readonly string GenesisHash = new('0', HashHexLength);

    /// <summary>Length of <c>,"hash":"</c> + 64 hex + <c>"}</c>.</summary>
    public const int SuffixLength = 9 + HashHexLength + 2;

    private static readonly JsonWriterOptions _writerOptions = new()
    {
        // Control characters, quotes and backslashes are escaped; other text stays readable for grep.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>How deep an entry may nest (its arguments one level less); lines are read back with twice as much room.</summary>
    public const int MaxDepth = 128;

    private static readonly JsonDocumentOptions _readerOptions = new() { MaxDepth = 2 * MaxDepth };

    private static readonly HashSet<string> _phases = ["call", "intent", "outcome", RecoveryPhase];
    private static readonly HashSet<string> _decisions = ["allowed", "refused", "confirmation_required", "confirmed", "declined", "dry_run"];
    private static readonly HashSet<string> _outcomes = ["ok", "error", "partial"];

    /// <summary>The phase of the entries the log writes about itself.</summary>
    public const string RecoveryPhase = "recovery";

    private static ReadOnlySpan<byte> HashPrefix => ",\"hash\":\""u8;

    /// <summary>Rejects a record the log would not accept, saying which field is wrong.</summary>
    public static void Validate(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_phases.Contains(record.Phase) || record.Phase == RecoveryPhase)
        {
            throw new ArgumentException($"Phase '{record.Phase}' is not call, intent or outcome.", nameof(record));
        }

        if (string.IsNullOrEmpty(record.Principal) || string.IsNullOrEmpty(record.Tool))
        {
            throw new ArgumentException("Principal and Tool must not be empty.", nameof(record));
        }

        if (!_decisions.Contains(record.Decision))
        {
            throw new ArgumentException($"Decision '{record.Decision}' is not one of {string.Join(", ", _decisions)}.", nameof(record));
        }

        if (record.Outcome is not null && !_outcomes.Contains(record.Outcome))
        {
            throw new ArgumentException($"Outcome '{record.Outcome}' is not ok, error, partial or null.", nameof(record));
        }

        if (record.Targets is null || record.Targets.Any(t => t is null))
        {
            throw new ArgumentException("Targets must be a list of names (it may be empty).", nameof(record));
        }

        if (record.Arguments is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } arguments && DepthOf(arguments) >= MaxDepth)
        {
            throw new ArgumentException($"Arguments nest deeper than {MaxDepth - 1} levels.", nameof(record));
        }

        if (record.DurationMs is { } duration && !double.IsFinite(duration))
        {
            throw new ArgumentException("DurationMs must be a finite number.", nameof(record));
        }
    }

    /// <summary>The entry's line (with its trailing newline) and its hash.</summary>
    public static (byte[] Line, AuditEntry Entry) Serialize(long seq, DateTimeOffset time, AuditRecord record, string prev, AuditKey? key)
    {
        var utc = time.ToUniversalTime();
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("seq", seq);
            writer.WriteString("time", FormatTime(utc));
            writer.WriteString("phase", record.Phase);
            writer.WriteString("principal", record.Principal);
            WriteStringOrNull(writer, "tenant", record.Tenant);
            WriteStringOrNull(writer, "session", record.Session);
            writer.WriteString("tool", record.Tool);
            writer.WritePropertyName("arguments");
            if (record.Arguments is { ValueKind: not JsonValueKind.Undefined } arguments)
            {
                arguments.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteStartArray("targets");
            foreach (var target in record.Targets)
            {
                writer.WriteStringValue(target);
            }

            writer.WriteEndArray();
            writer.WriteString("decision", record.Decision);
            WriteStringOrNull(writer, "reason", record.Reason);
            WriteStringOrNull(writer, "outcome", record.Outcome);
            if (record.ExitCodes is { } exitCodes)
            {
                writer.WriteStartObject("exit_codes");
                foreach (var (host, code) in exitCodes)
                {
                    writer.WriteNumber(host, code);
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("exit_codes");
            }

            if (record.DurationMs is { } duration)
            {
                writer.WriteNumber("duration_ms", duration);
            }
            else
            {
                writer.WriteNull("duration_ms");
            }

            if (key is not null)
            {
                writer.WriteString("key", key.Id);
            }

            writer.WriteString("prev", prev);
            writer.WriteEndObject();
        }

        var body = buffer.WrittenSpan;
        var hash = key is null ? Convert.ToHexStringLower(SHA256.HashData(body)) : key.Mac(body);
        var line = new byte[body.Length - 1 + SuffixLength + 1];
        body[..^1].CopyTo(line);
        var rest = line.AsSpan(body.Length - 1);
        HashPrefix.CopyTo(rest);
        Encoding.ASCII.GetBytes(hash, rest[HashPrefix.Length..]);
        "\"}\n"u8.CopyTo(rest[(HashPrefix.Length + HashHexLength)..]);

        var entry = new AuditEntry(seq, utc, record.Phase, record.Principal, record.Tenant, record.Session, record.Tool,
            record.Arguments, record.Targets, record.Decision, record.Reason, record.Outcome, record.ExitCodes, record.DurationMs, prev, hash);
        return (line, entry);
    }

    /// <summary>
    /// Checks a line (without its newline) against its own hash and parses it. An unkeyed line is checked with SHA-256;
    /// a keyed one with the key of that id from <paramref name="keys"/>.
    /// </summary>
    /// <param name="line">The line.</param>
    /// <param name="keys">Finds a key by id; null when the keys are not known (keyed lines then fail).</param>
    /// <param name="keyId">The id of the key the line names, or null for an unkeyed line.</param>
    /// <exception cref="FormatException">What is wrong with the line, in words for an operator.</exception>
    public static AuditEntry ParseVerified(ReadOnlySpan<byte> line, Func<string, AuditKey?>? keys, out string? keyId)
    {
        var suffix = ReadSuffix(line);
        var entry = Parse(line, suffix, out keyId);
        var body = new byte[line.Length - SuffixLength + 1];
        line[..^SuffixLength].CopyTo(body);
        body[^1] = (byte)'}';
        string actual;
        if (keyId is null)
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(body));
        }
        else
        {
            var key = keys?.Invoke(keyId) ?? throw new FormatException($"the entry is keyed with audit key {keyId}, which is not in the audit keyring.");
            actual = key.Mac(body);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actual), Encoding.ASCII.GetBytes(suffix)))
        {
            throw new FormatException(keyId is null
                ? "hash mismatch: the entry was changed after it was written."
                : "hash mismatch: the entry was changed after it was written (a hash recomputed without the audit key does not match).");
        }

        return entry;
    }

    /// <summary>Parses a line (without its newline) without checking its hash.</summary>
    /// <exception cref="FormatException">The line is not an audit entry.</exception>
    public static AuditEntry Parse(ReadOnlySpan<byte> line) => Parse(line, ReadSuffix(line), out _);

    private static AuditEntry Parse(ReadOnlySpan<byte> line, string suffixHash, out string? keyId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray(), _readerOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("not a JSON object.");
            }

            var seen = new HashSet<string>();
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new FormatException($"the property '{property.Name}' appears twice.");
                }
            }

            var seq = root.TryGetProperty("seq", out var seqElement) && seqElement.ValueKind == JsonValueKind.Number && seqElement.TryGetInt64(out var s) && s > 0
                ? s
                : throw new FormatException("'seq' is missing or not a positive whole number.");
            var timeText = RequiredString(root, "time");
            if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw new FormatException($"'time' ({timeText}) is not a date and time.");
            }

            var prev = RequiredString(root, "prev");
            if (!IsHex(prev))
            {
                throw new FormatException("'prev' is not 64 lowercase hex digits.");
            }

            keyId = OptionalString(root, "key");
            if (keyId is not null && (keyId.Length != 16 || !keyId.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')))
            {
                throw new FormatException("'key' is not a 16 hex digit key id.");
            }

            var hash = RequiredString(root, "hash");
            if (hash != suffixHash)
            {
                throw new FormatException("'hash' is not the last member of the entry.");
            }

            JsonElement? arguments = root.TryGetProperty("arguments", out var a) && a.ValueKind != JsonValueKind.Null ? a.Clone() : null;
            var targets = root.TryGetProperty("targets", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException("'targets' holds something other than strings.")).ToList()
                : throw new FormatException("'targets' is missing or not an array.");
            Dictionary<string, int>? exitCodes = null;
            if (root.TryGetProperty("exit_codes", out var codes) && codes.ValueKind != JsonValueKind.Null)
            {
                exitCodes = codes.ValueKind == JsonValueKind.Object
                    ? codes.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.TryGetInt32(out var code) ? code : throw new FormatException("'exit_codes' holds a value that is not a whole number."))
                    : throw new FormatException("'exit_codes' is not an object.");
            }

            double? duration = null;
            if (root.TryGetProperty("duration_ms", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                duration = d.ValueKind == JsonValueKind.Number ? d.GetDouble() : throw new FormatException("'duration_ms' is not a number.");
            }

            return new AuditEntry(seq, time, RequiredString(root, "phase"), RequiredString(root, "principal"), OptionalString(root, "tenant"),
                OptionalString(root, "session"), RequiredString(root, "tool"), arguments, targets, RequiredString(root, "decision"),
                OptionalString(root, "reason"), OptionalString(root, "outcome"), exitCodes, duration, prev, hash);
        }
    }

    /// <summary>The hash the line ends with.</summary>
    private static string ReadSuffix(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            throw new FormatException("empty line.");
        }

        var valid = line.Length > SuffixLength + 1
            && line[0] == (byte)'{'
            && line[^SuffixLength..].StartsWith(HashPrefix)
            && line.EndsWith("\"}"u8);
        var hex = valid ? Encoding.ASCII.GetString(line.Slice(line.Length - HashHexLength - 2, HashHexLength)) : string.Empty;
        if (valid && IsHex(hex))
        {
            return hex;
        }

        try
        {
            using var _ = JsonDocument.Parse(line.ToArray(), _readerOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON ({e.Message})", e);
        }

        throw new FormatException("the entry does not end with its hash (,\"hash\":\"<64 hex>\"}).");
    }

    private static int DepthOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => DepthOf(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(DepthOf).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    public static bool IsHex(string value) =>
        value.Length == HashHexLength && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string FormatTime(DateTimeOffset utc) =>
        utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"'{name}' is missing or not a string.");

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"'{name}' is not a string.");
}
