using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bastion.Core.Secrets.Vault;

/// <summary>Reads and writes the vault file (JSON), checking everything that can be checked without the key.</summary>
internal static class VaultFormat
{
    public const int Version = 1;
    public const string Cipher = "aes-256-gcm";
    public const string KdfAlgorithm = "pbkdf2-sha256";

    /// <summary>PBKDF2 iterations for new passphrase vaults (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).</summary>
    public const int Iterations = 600_000;

    public const int MinimumIterations = 600_000;
    public const int MaximumIterations = 10_000_000;

    /// <summary>A value's UTF-8 takes at most 3 bytes per UTF-16 character.</summary>
    private const int MaxCiphertextSize = CredentialVault.MaxValueLength * 3;

    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        IndentSize = 2,
        TypeInfoResolver = VaultJson.Default,
        // Names and base64 only; '+' need not be written as \u002B in a file that is never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static JsonTypeInfo<VaultDocument> DocumentType => (JsonTypeInfo<VaultDocument>)_options.GetTypeInfo(typeof(VaultDocument));

    public static string KindName(VaultKeyKind kind) => kind switch
    {
        VaultKeyKind.Key => "key",
        VaultKeyKind.Passphrase => "passphrase",
        VaultKeyKind.KeyFile => "key-file",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static VaultKeyKind? ParseKind(string? name) => name switch
    {
        "key" => VaultKeyKind.Key,
        "passphrase" => VaultKeyKind.Passphrase,
        "key-file" => VaultKeyKind.KeyFile,
        _ => null,
    };

    public static string Serialize(VaultDocument document) => JsonSerializer.Serialize(document, DocumentType) + "\n";

    /// <summary>The document in <paramref name="json"/>, read from <paramref name="path"/>.</summary>
    /// <exception cref="BastionException">It is not a valid vault of this version; the message names the file and the problem.</exception>
    public static VaultDocument Parse(string path, string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw Unreadable(path, $"it is not valid JSON ({e.Message})");
        }

        var version = root is JsonObject { } obj && obj["header"] is JsonObject header && header["version"] is JsonValue value
            && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number)
            ? number
            : (int?)null;
        if (version is null)
        {
            throw Unreadable(path, "it has no header.version, so it is not a Bastion vault");
        }

        if (version != Version)
        {
            throw Unreadable(path, $"it is format version {version}, and this Bastion reads version {Version} only (a newer Bastion may have written it)");
        }

        VaultDocument? document;
        try
        {
            document = root.Deserialize(DocumentType);
        }
        catch (JsonException e)
        {
            throw Unreadable(path, e.Message);
        }

        if (document is null)
        {
            throw Unreadable(path, "it is empty");
        }

        Validate(path, document);
        return document;
    }

    /// <summary>The error for a file that cannot be used.</summary>
    public static BastionException Unreadable(string path, string problem) =>
        new($"The vault file {path} cannot be read: {problem}. Nothing was changed. Repair it, or restore the previous version from {path}.bak.");

    private static void Validate(string path, VaultDocument document)
    {
        var header = document.Header;
        if (header.Cipher != Cipher)
        {
            throw Unreadable(path, $"header.cipher is '{header.Cipher}', not {Cipher}");
        }

        var kind = ParseKind(header.KeyKind) ?? throw Unreadable(path, $"header.key_kind is '{header.KeyKind}', not key, passphrase or key-file");
        if (kind == VaultKeyKind.Passphrase)
        {
            var kdf = header.Kdf ?? throw Unreadable(path, "header.kdf is missing, and a passphrase vault needs its salt and iterations");
            if (kdf.Algorithm != KdfAlgorithm)
            {
                throw Unreadable(path, $"header.kdf.algorithm is '{kdf.Algorithm}', not {KdfAlgorithm}");
            }

            if (kdf.Iterations is < MinimumIterations or > MaximumIterations)
            {
                throw Unreadable(path, $"header.kdf.iterations is {kdf.Iterations}, outside {MinimumIterations}-{MaximumIterations}");
            }

            if (Base64Size(kdf.Salt) != VaultCipher.SaltSize)
            {
                throw Unreadable(path, $"header.kdf.salt is not the base64 of {VaultCipher.SaltSize} bytes");
            }
        }
        else if (header.Kdf is not null)
        {
            throw Unreadable(path, $"header.kdf is present, but the key kind is {header.KeyKind}");
        }

        ValidateSealed(path, "header.check", header.Check);
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < document.Entries.Count; i++)
        {
            var entry = document.Entries[i];
            var where = $"entries[{i}]";
            if (!Inventory.HostNames.IsValid(entry.Tenant))
            {
                throw Unreadable(path, $"{where}.tenant '{entry.Tenant}' is not a valid tenant");
            }

            if (!VaultNames.IsValidName(entry.Name))
            {
                throw Unreadable(path, $"{where}.name '{entry.Name}' is not a valid name");
            }

            if (!seen.Add((entry.Tenant, entry.Name)))
            {
                throw Unreadable(path, $"{where} repeats '{entry.Name}' of tenant '{entry.Tenant}'");
            }

            ValidateSealed(path, where, entry.ToSealed());
        }
    }

    private static void ValidateSealed(string path, string where, VaultSealed value)
    {
        if (Base64Size(value.Nonce) != VaultCipher.NonceSize)
        {
            throw Unreadable(path, $"{where}.nonce is not the base64 of {VaultCipher.NonceSize} bytes");
        }

        if (Base64Size(value.Tag) != VaultCipher.TagSize)
        {
            throw Unreadable(path, $"{where}.tag is not the base64 of {VaultCipher.TagSize} bytes");
        }

        if (Base64Size(value.Ciphertext) is not (>= 1 and <= MaxCiphertextSize))
        {
            throw Unreadable(path, $"{where}.ciphertext is not the base64 of 1 to {MaxCiphertextSize} bytes");
        }
    }

    /// <summary>How many bytes <paramref name="base64"/> decodes to, or -1 when it is not base64.</summary>
    private static int Base64Size(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? written : -1;
    }
}
