using Bastion.Core.Configuration;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bastion.Core;
using Bastion.Core.Policy;
using System.Text.Json.Serialization.Metadata;

namespace Bastion.Http.Auth;

/// <summary>Reads and writes keys.json, checking every field, so that a damaged or hand-edited file is reported, never half-used.</summary>
internal static class ApiKeyFile
{
    public const int Version = 1;

    private static readonly SearchValues<char> _lowerHex = SearchValues.Create("0123456789abcdef");

    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        IndentSize = 2,
        TypeInfoResolver = HttpJson.Default,
    };

    private static JsonTypeInfo<ApiKeysDocument> DocumentType => (JsonTypeInfo<ApiKeysDocument>)_options.GetTypeInfo(typeof(ApiKeysDocument));

    public static string Serialize(IEnumerable<StoredApiKey> keys) =>
        JsonSerializer.Serialize(new ApiKeysDocument(Version, [.. keys]), DocumentType) + "\n";

    /// <summary>The keys in <paramref name="json"/>, read from <paramref name="path"/>.</summary>
    /// <exception cref="BastionException">It is not a valid key file of this version; the message names the file and the problem, never a hash.</exception>
    public static IReadOnlyList<StoredApiKey> Parse(string path, string json)
    {
        ApiKeysDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DocumentType);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"it is not valid JSON of the expected shape ({e.Path}, line {e.LineNumber + 1})", e);
        }

        if (document is null)
        {
            throw Invalid(path, "it holds null");
        }

        if (document.Version != Version)
        {
            throw Invalid(path, $"its version is {document.Version}; this Bastion reads version {Version}");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Keys.Count; i++)
        {
            var key = document.Keys[i];
            var problem = !ApiKeyToken.IsId(key.Id) ? "its id is not 8 characters a-z, 2-7"
                : !ids.Add(key.Id) ? $"the id {key.Id} appears twice"
                : !TenantName.IsValid(key.Tenant) ? $"the tenant of key {key.Id} is not a valid tenant name"
                : key.Name is not null && !ApiKeyStore.IsValidName(key.Name) ? $"the name of key {key.Id} is not a valid label"
                : key.Scopes.Count == 0 || key.Scopes.Any(s => !Scopes.All.Contains(s)) ? $"key {key.Id} has no scopes or an unknown one"
                : key.Sha256.Length != 64 || key.Sha256.AsSpan().IndexOfAnyExcept(_lowerHex) >= 0 ? $"the sha256 of key {key.Id} is not 64 lowercase hex digits"
                : null;
            if (problem is not null)
            {
                throw Invalid(path, $"entry {i + 1}: {problem}");
            }
        }

        return document.Keys;
    }

    private static BastionException Invalid(string path, string problem, Exception? inner = null)
    {
        var message = $"The API key file {path} cannot be used: {problem}. Fix or remove it (removing it revokes every key).";
        return inner is null ? new BastionException(message) : new BastionException(message, inner);
    }
}
