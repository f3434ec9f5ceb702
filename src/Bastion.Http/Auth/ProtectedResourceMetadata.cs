using System.Text.Json;
using System.Text.Json.Serialization;
using Bastion.Core;
using Bastion.Core.Policy;
using System.Text.Json.Serialization.Metadata;

namespace Bastion.Http.Auth;

/// <summary>
/// This server's OAuth 2.0 Protected Resource Metadata (RFC 9728), which MCP clients fetch after a 401 to learn which
/// authorization server issues tokens for it. Served at <see cref="WellKnownPath"/> followed by the resource's path
/// (see <see cref="MetadataUrl"/>), and, for older clients, at <see cref="WellKnownPath"/> alone.
/// </summary>
/// <example>
/// <code>
/// {"resource":"https://bastion.example.com/mcp","authorization_servers":["https://auth.example.com"],
///  "scopes_supported":["hosts:read",…,"admin"],"bearer_methods_supported":["header"],"resource_name":"Bastion"}
/// </code>
/// </example>
public sealed record ProtectedResourceMetadata
{
    /// <summary>The well-known path prefix of the metadata document (RFC 9728 §3).</summary>
    public const string WellKnownPath = "/.well-known/oauth-protected-resource";

    private static readonly JsonSerializerOptions _options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = HttpJson.Default,
    };

    /// <summary>The resource identifier: the URL of the MCP endpoint, e.g. <c>https://bastion.example.com/mcp</c>.</summary>
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }

    /// <summary>Issuer identifiers of the authorization servers whose tokens are accepted; null (omitted) when only API keys are.</summary>
    [JsonPropertyName("authorization_servers")]
    public IReadOnlyList<string>? AuthorizationServers { get; init; }

    /// <summary>The scopes Bastion understands (<see cref="Scopes.All"/>).</summary>
    [JsonPropertyName("scopes_supported")]
    public IReadOnlyList<string> ScopesSupported { get; init; } = Scopes.All;

    /// <summary>How a token is presented: only in the <c>Authorization</c> header.</summary>
    [JsonPropertyName("bearer_methods_supported")]
    public IReadOnlyList<string> BearerMethodsSupported { get; init; } = ["header"];

    /// <summary>A name for people.</summary>
    [JsonPropertyName("resource_name")]
    public string ResourceName { get; init; } = "Bastion";

    /// <summary>The metadata of <paramref name="resource"/> whose tokens come from <paramref name="issuer"/> (null: API keys only).</summary>
    /// <exception cref="BastionException"><paramref name="resource"/> is not an absolute http(s) URL without a fragment.</exception>
    public static ProtectedResourceMetadata For(string resource, string? issuer)
    {
        RequireResource(resource);
        return new ProtectedResourceMetadata { Resource = resource, AuthorizationServers = issuer is null ? null : [issuer] };
    }

    /// <summary>The metadata of <see cref="OAuthOptions.Audience"/>, with <see cref="OAuthOptions.Issuer"/> as its authorization server.</summary>
    /// <exception cref="BastionException">The audience is not an absolute http(s) URL without a fragment.</exception>
    public static ProtectedResourceMetadata For(OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return For(options.Audience, options.Issuer);
    }

    /// <summary>
    /// Where the metadata of <paramref name="resource"/> is served (RFC 9728 §3.1): <see cref="WellKnownPath"/> inserted
    /// between the host and the path, e.g. <c>http://127.0.0.1:7000/mcp</c> →
    /// <c>http://127.0.0.1:7000/.well-known/oauth-protected-resource/mcp</c>. The URL for <c>resource_metadata</c> in
    /// <see cref="BearerChallenge"/>.
    /// </summary>
    /// <exception cref="BastionException"><paramref name="resource"/> is not an absolute http(s) URL without a fragment.</exception>
    public static string MetadataUrl(string resource)
    {
        var uri = RequireResource(resource);
        var path = uri.AbsolutePath == "/" ? string.Empty : uri.AbsolutePath;
        return uri.GetLeftPart(UriPartial.Authority) + WellKnownPath + path + uri.Query;
    }

    /// <summary>The document as JSON (UTF-8 text, no indentation), for a response of type <c>application/json</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, (JsonTypeInfo<ProtectedResourceMetadata>)_options.GetTypeInfo(typeof(ProtectedResourceMetadata)));

    private static Uri RequireResource(string resource) =>
        Uri.TryCreate(resource, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Fragment.Length == 0
            ? uri
            : throw new BastionException($"The resource '{resource}' is not an absolute http(s) URL without a fragment.");
}
